"""Writes a schemathesis config that fills path ids with records of the running demo.

Random UUIDs in paths only ever reach "not found"; with the demo's own programme, cohort, set,
meeting and person the fuzzed queries and bodies reach the handlers' logic. Each operation
keeps a fixed id; its other parameters and its body are still generated.

Usage: python3 schemathesis_ids.py URL LEAD_TOKEN FACILITATOR_TOKEN OUT_TOML
"""

import json
import sys
import urllib.request


def get(url, token, path):
    req = urllib.request.Request(url + path, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)


def main():
    url, lead, facilitator, out = sys.argv[1:5]
    programme = get(url, lead, "/api/v1/programmes")["items"][0]
    set_id = get(url, facilitator, "/api/v1/sets")["items"][0]["id"]
    the_set = get(url, facilitator, f"/api/v1/sets/{set_id}")
    meeting = [m for m in the_set["meetings"] if not m["held"]] or the_set["meetings"]
    person = the_set["members"][0]["person_id"]
    ids = {
        "/api/v1/programmes/": programme["id"],
        "/api/v1/cohorts/": programme["cohorts"][0]["id"],
        "/api/v1/sets/": set_id,
        "/api/v1/meetings/": meeting[0]["id"],
        "/api/v1/people/": person,
    }
    with open(out, "w") as f:
        # No crash cache in the working tree (.schemathesis/): every run starts clean.
        f.write("[cache]\nenabled = false\n\n")
        for prefix, value in ids.items():
            f.write("[[operations]]\n")
            f.write(f'include-path-regex = "^{prefix}"\n')
            f.write(f'parameters = {{ "path.id" = "{value}" }}\n\n')


main()
