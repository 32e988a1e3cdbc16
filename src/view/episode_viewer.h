// The episode viewer (`toolshift view`): one self-contained HTML page over a run's episode log,
// in the manner of `inspect view` but with no server and no network. Filters (split, suite,
// shift kind, failure, signature, id text) and the open episode live in the URL fragment
// (#split=format&failure=wrong_value&open=SUITE/ID), so a link shows what its sender saw.
//
// Large logs stay responsive: the data is embedded once, compactly (every long message text
// stored once and referenced by number: a suite's system prompt repeats in every episode),
// the list is paged (100 rows), and an episode's prompt, replies, calls, steps and twin are
// rendered only when it is opened. Every text reaches the page through textContent, never as
// markup, and the embedded JSON cannot close its <script> element (< > & are \u-escaped).
#ifndef TOOLSHIFT_VIEW_EPISODE_VIEWER_H_
#define TOOLSHIFT_VIEW_EPISODE_VIEWER_H_

#include <string>
#include <vector>

#include "src/core/json.h"

namespace toolshift {

// The episodes of a log, one JSON object per line. Blank lines are skipped; throws
// InputError("PATH:LINE: ...") for a line that is not a JSON object with string suite and id.
std::vector<Json> ReadEpisodeLog(const std::string& path);

// {"texts": [...], "values": [...], "episodes": [...]}: the episodes with each message content
// of 40 bytes or more (prompt, output, outputs) replaced by {"t": index into texts} and each
// multi-step call's result of 40 bytes or more moved to "result_ref" (an index into values),
// equal texts and results stored once,
// and integer seeds written as strings (a browser's numbers are exact only to 2^53).
Json CompactEpisodes(std::vector<Json> episodes);

// The page. `report` (null when there is none) gives the heading: model, run name, date.
std::string EpisodeViewerHtml(const Json& report, std::vector<Json> episodes, const std::string& source);

}  // namespace toolshift

#endif  // TOOLSHIFT_VIEW_EPISODE_VIEWER_H_
