"""Forms the generated nation's waiting cohort (the manifest's "forming_cohort": 5% of N
accepted people in no set) as a background job through the API, following its progress
(issue 13). Needs a server with its worker running against the nation:

    python3 bench/form_run.py --base http://127.0.0.1:PORT --manifest m.json [--pid PID]

Prints each change of progress the run reports (status, best score, rounds, seconds) and, at the
end, the time from start to done, the sets formed and, with --pid, the server's peak RSS.
Standard library only; it reuses the sign-in of bench/web.py.
"""

import argparse
import json
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from web import api_token, sign_in  # noqa: E402

RULES = {"size_min": 5, "size_max": 7, "max_per_organisation": 3, "review_every": 7}


def call(base, token, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.status, json.loads(r.read())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True)
    p.add_argument("--manifest", required=True)
    p.add_argument("--pid", type=int)
    args = p.parse_args()
    m = json.load(open(args.manifest))
    cohort = m["forming_cohort"]
    token = api_token(sign_in(args.base, m["accounts"]["lead"], m["password"]))
    begun = time.monotonic()
    status, run = call(args.base, token, "POST", f"/api/v1/cohorts/{cohort}/formation-runs", RULES)
    print(f"started: {status} run {run['id']} ({run['budget_seconds']} s of search)")
    seen = None
    while True:
        _, run = call(args.base, token, "GET", f"/api/v1/formation-runs/{run['id']}")
        now = (run["status"], run.get("best"), run.get("rounds"))
        if now != seen:
            seen = now
            print(
                f"{time.monotonic() - begun:6.2f} s  {run['status']:<10} best {run.get('best')} "
                f"rounds {run.get('rounds')} elapsed {run.get('elapsed_seconds')} s"
            )
        if run["status"] not in ("queued", "running", "cancelling"):
            break
        time.sleep(0.25)
    print(f"finished {run['status']} in {time.monotonic() - begun:.1f} s; "
          f"sets formed: {run.get('sets_formed')}")
    if args.pid:
        for line in open(f"/proc/{args.pid}/status"):
            if line.startswith("VmHWM"):
                print(f"server peak RSS: {line.split()[1]} kB")
    return 0 if run["status"] == "done" else 1


if __name__ == "__main__":
    sys.exit(main())
