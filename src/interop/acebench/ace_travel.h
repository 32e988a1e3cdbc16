// ACEBench's Travel class (SPEC.md 7.6, 7.8): an airline's users, flights and reservations and
// its methods (flight search, transfers, user and reservation lookups, booking, changing and
// cancelling reservations, and the helpers that are callable though not offered), with
// ACEBench's results, error texts and Python exceptions, in English or Chinese (city and cabin
// names 经济舱 / 商务舱, Chinese texts). Its saved attributes are `users` and `reservations`.
#ifndef TOOLSHIFT_INTEROP_ACEBENCH_ACE_TRAVEL_H_
#define TOOLSHIFT_INTEROP_ACEBENCH_ACE_TRAVEL_H_

#include <memory>

#include "src/interop/acebench/ace_scene.h"

namespace toolshift::acebench {

std::unique_ptr<SceneObject> MakeTravel(bool chinese);

}  // namespace toolshift::acebench

#endif  // TOOLSHIFT_INTEROP_ACEBENCH_ACE_TRAVEL_H_
