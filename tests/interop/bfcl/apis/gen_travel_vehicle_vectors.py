#!/usr/bin/env python3
"""Writes travel_vehicle_vectors.tsv: call sequences on fresh TravelAPI / VehicleControlAPI
instances with the texts CPython 3.11 gives for them, computed here from BEHAVIOUR.md §7-§8's
formulas with Python's own floats, round(), float(), json.dumps and random.Random(141053) — so
the C++ classes are checked against CPython's arithmetic, rounding, float text and RNG on many
inputs, not only on hand-picked ones. (This is not BFCL's code; it restates the spec's rules.)

Each line: class <TAB> scenario JSON <TAB> calls joined by " ;; " <TAB> results joined by " ;; ".
The route table is read from BEHAVIOUR.md. Run from this folder:
  python3 gen_travel_vehicle_vectors.py [path/to/BEHAVIOUR.md]
"""
import json
import random
import re
import sys

SEP = " ;; "
RATES = [("RMB", 7), ("EUR", 0.8), ("JPY", 110), ("GBP", 0.7), ("CAD", 1.3), ("AUD", 1.4), ("INR", 70),
         ("RUB", 60), ("BRL", 3.8), ("MXN", 20)]
CLASS_FACTOR = {"economy": 1, "business": 2, "first": 5}


def routes(behaviour_path):
    text = open(behaviour_path, encoding="utf-8").read()
    block = text[text.index("**Routes**"):]
    block = block[:block.index("\n\n")]
    return [(a, b, int(c)) for a, b, c in re.findall(r"([A-Z]{3})>([A-Z]{3}) (\d+)", block)]


def number(rng):
    k = rng.random()
    if k < 0.35:
        return rng.randint(0, 5000)
    if k < 0.7:
        return round(rng.uniform(0, 5000), rng.choice([1, 2, 3]))
    return rng.uniform(0, 1000)


def line(cls, scenario, calls, results):
    return "\t".join([cls, json.dumps(scenario), SEP.join(calls), SEP.join(results)])


def vehicle_lines(rng):
    out = []
    for _ in range(150):  # exchange-free float arithmetic: conversions, Fahrenheit, feasibility
        x = number(rng)
        out.append(line("VehicleControlAPI", {}, [f"liter_to_gallon(liter={x!r})", f"gallon_to_liter({x!r})"],
                        [json.dumps({"gallon": x * 0.264172}), json.dumps({"liter": x * 3.78541})]))
        t = rng.choice([rng.randint(-40, 120), round(rng.uniform(-40, 120), 1), rng.uniform(-40, 120)])
        fan = rng.randint(0, 100)
        out.append(line("VehicleControlAPI", {},
                        [f"adjustClimateControl({t!r}, 'fahrenheit', {fan})", "displayCarStatus('climate')"],
                        [json.dumps({"currentACTemperature": t, "climateMode": "auto", "humidityLevel": 50.0}),
                         json.dumps({"currentACTemperature": (t - 32) * 5 / 9, "fanSpeed": fan,
                                     "climateMode": "auto", "humidityLevel": 50.0})]))
        fuel = rng.choice([rng.randint(0, 50), round(rng.uniform(0, 50), 2)])
        d = rng.choice([fuel * 20.0, fuel * 20.0 + 0.5, number(rng)])
        amount = rng.choice([rng.randint(0, 60), round(rng.uniform(0, 60), 1)])
        total = fuel + amount
        fill = ({"error": "Cannot fill gas above the tank capacity."} if total > 50 else {"fuelLevel": total})
        out.append(line("VehicleControlAPI", {"fuelLevel": fuel},
                        [f"estimate_drive_feasibility_by_mileage({d!r})", f"fillFuelTank({amount!r})"],
                        [json.dumps({"canDrive": not (fuel * 20.0 < d)}), json.dumps(fill)]))
        tyres = [rng.choice([rng.randint(25, 40), round(rng.uniform(25, 40), 1)]) for _ in range(4)]
        keys = ["frontLeftTirePressure", "frontRightTirePressure", "rearLeftTirePressure", "rearRightTirePressure"]
        status = dict(zip(keys, tyres))
        status["healthy_tire_pressure"] = 30 <= (tyres[0] + tyres[1] + tyres[2] + tyres[3]) / 4 <= 35
        status["car_info"] = {}
        out.append(line("VehicleControlAPI", dict(zip(keys, tyres)), ["check_tire_pressure()"], [json.dumps(status)]))
        speed = rng.choice([rng.randint(-10, 130), rng.randint(0, 24) * 5, round(rng.uniform(0, 120), 1)])
        dist = number(rng)
        if speed < 0 or speed > 120 or speed % 5 != 0:
            cruise = {"error": "Invalid speed"}
        else:
            cruise = {"cruiseStatus": "active", "currentSpeed": float(speed), "distanceToNextVehicle": float(dist)}
        out.append(line("VehicleControlAPI", {"engineState": "running"},
                        [f"setCruiseControl({speed!r}, True, {dist!r})", "displayCarStatus('fuel')"],
                        [json.dumps(cruise), json.dumps({"fuelLevel": 0.0})]))
    # One generator per instance, shared by both draw functions.
    rnd = random.Random(141053)
    pick = random.Random(7)  # which function asks: a generator of its own, so rnd's draws stay the instance's
    calls, results = [], []
    for _ in range(40):
        if pick.random() < 0.5:
            calls.append("get_current_speed()")
            results.append(json.dumps({"currentSpeed": rnd.uniform(0.0, 120.0)}))
        else:
            calls.append("get_outside_temperature_from_google()")
            results.append(json.dumps({"outsideTemperature": rnd.uniform(-10.0, 40.0)}))
    out.append(line("VehicleControlAPI", {}, calls, results))
    return out


def travel_lines(rng, table):
    out = []
    for _ in range(200):
        value = number(rng)
        currency, rate = rng.choice(RATES)
        out.append(line("TravelAPI", {},
                        [f"compute_exchange_rate('USD', '{currency}', {value!r})",
                         f"compute_exchange_rate('{currency}', 'USD', {value!r})"],
                        [json.dumps({"exchanged_value": float(value * rate)}),
                         json.dumps({"exchanged_value": round(value / rate, 2)})]))
    for _ in range(150):
        frm, to, base = rng.choice(table)
        cls = rng.choice(list(CLASS_FACTOR))
        date = f"{rng.randint(2020, 2030)}-{rng.randint(1, 12):0{rng.choice([1, 2])}d}-{rng.randint(1, 28):02d}"
        digits = sum(int(c) for c in date if c.isdigit())
        cost = float(base * CLASS_FACTOR[cls] * (2 if digits % 2 == 0 else 1))
        out.append(line("TravelAPI", {}, [f"get_flight_cost('{frm}', '{to}', '{date}', '{cls}')"],
                        [json.dumps({"travel_cost_list": [cost]})]))
    for budget in ["1000", " 1_000.5 ", "1e3", "-0", ".5", "5.", "inf", "-Infinity", "nan", "12abc", "", "1__0", "0x10"]:
        try:
            result = json.dumps({"budget_limit": float(budget)})
        except ValueError as e:
            result = "Error during execution: " + str(e)
        out.append(line("TravelAPI", {"access_token": "t", "token_expires_in": 1},
                        [f"set_budget_limit('t', {budget!r})"], [result]))
    # A session: its ids are CPython's randint draws, its balances Python's int/float arithmetic.
    for session in range(20):
        rnd = random.Random(141053)
        token = str(rnd.randint(100000, 999999))
        calls = ["authenticate_travel('c', 's', 'r', 'read', 'Ann', 'Lee')"]
        results = [json.dumps({"expires_in": 2, "access_token": token, "token_type": "Bearer", "scope": "read"})]
        card = str(rnd.randint(100000000000, 999999999999))
        balance = rnd.randint(10000, 99999)
        calls.append(f"register_credit_card('{token}', '4111', '01/2030', 'Ann Lee', 123)")
        results.append(json.dumps({"card_id": card}))
        for _ in range(rng.randint(1, 6)):
            # PVG has a route (JFK>PVG) but is not in list_all_airports: book_flight refuses it.
            frm, to, base = rng.choice([r for r in table[:60] if "PVG" not in r[:2]])
            cls = rng.choice(list(CLASS_FACTOR))
            date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            digits = sum(int(c) for c in date if c.isdigit())
            cost = float(base * CLASS_FACTOR[cls] * (2 if digits % 2 == 0 else 1))
            calls.append(f"book_flight('{token}', '{card}', '{date}', '{frm}', '{to}', '{cls}')")
            if balance < cost:
                results.append(json.dumps({"booking_status": False, "error": "Insufficient funds"}))
                continue
            balance -= cost
            booking = str(rnd.randint(1000000, 9999999))
            transaction = str(rnd.randint(10000000, 99999999))
            results.append(json.dumps({"booking_id": booking, "transaction_id": transaction,
                                       "booking_status": True, "booking_history": {}}))
            insurance = rng.choice([rng.randint(1, 500), round(rng.uniform(1, 500), 2)])
            calls.append(f"purchase_insurance('{token}', 'travel', '{booking}', {insurance!r}, '{card}')")
            balance -= insurance
            results.append(json.dumps({"insurance_id": str(rnd.randint(100000000, 999999999)),
                                       "insurance_status": True}))
            if rng.random() < 0.4:
                calls.append(f"cancel_booking('{token}', '{booking}')")
                balance += cost
                results.append(json.dumps({"cancel_status": True}))
        calls.append(f"book_flight('{token}', '{card}', '2025-01-01', 'JFK', 'PVG', 'economy')")
        results.append(json.dumps({"booking_status": False, "error": "Invalid destination airport code: PVG"}))
        calls.append(f"get_credit_card_balance('{token}', '{card}')")
        results.append(json.dumps({"card_balance": balance}))
        out.append(line("TravelAPI", {}, calls, results))
    return out


def main():
    behaviour = sys.argv[1] if len(sys.argv) > 1 else "../../../../../shared/bfcl-multi-turn/BEHAVIOUR.md"
    table = routes(behaviour)
    assert len(table) == 153, len(table)
    rng = random.Random(20261201)
    lines = vehicle_lines(rng) + travel_lines(rng, table)
    with open("travel_vehicle_vectors.tsv", "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
