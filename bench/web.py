#!/usr/bin/env python3
"""The web benchmark's helper (standard library only), called by bench/web.sh.

  web.py freeport                         print a free TCP port on 127.0.0.1
  web.py measure --base URL --manifest M --seconds S --out R.json
                                          sign in as every manifest account, check each URL
                                          answers 200, drive it with wrk, write the figures
  web.py report --backend B --people N --small-people n --nation R.json --small r.json
                --rss-kb K --out FILE.md  print and write the markdown table
"""
import argparse
import http.cookiejar
import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

TARGET_RPS = 1000.0
TARGET_P99_MS = 50.0
TARGET_GROWTH = 1.5
TARGET_RSS_MB = 200.0


def freeport():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
    s.close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Session:
    """A browser-like client: a cookie jar, no redirects followed, the CSRF token of the last page."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.csrf = None

    def request(self, method, path, form=None, headers=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        if data is not None:
            req.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with self.opener.open(req, timeout=60) as r:
                status, body = r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            status, body = e.code, e.read().decode("utf-8", "replace")
        m = re.search(r'name="csrf" value="([^"]+)"', body)
        if m:
            self.csrf = m.group(1)
        return status, body

    def cookie_header(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def sign_in(base, email, password):
    s = Session(base)
    s.request("GET", "/sign-in")
    if not s.csrf:
        raise SystemExit("no CSRF token on /sign-in")
    status, body = s.request(
        "POST", "/sign-in", {"csrf": s.csrf, "email": email, "password": password}
    )
    if status != 303:
        raise SystemExit(f"sign-in of {email} answered {status}: {body[:300]}")
    s.request("GET", "/account")  # the session's CSRF token, for the token form
    return s


def api_token(s):
    status, body = s.request(
        "POST", "/account/tokens", {"csrf": s.csrf, "name": "bench web"}
    )
    m = re.search(r"data-new-token>([^<]+)<", body)
    if status != 200 or not m:
        raise SystemExit(f"making an API token answered {status}: {body[:300]}")
    return m.group(1).strip()


def to_ms(text):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    if not m:
        return None
    v, unit = float(m.group(1)), m.group(2)
    return {"us": v / 1000, "ms": v, "s": v * 1000, "m": v * 60000}[unit]


def parse_wrk(out):
    res = {"rps": None, "p50": None, "p99": None, "requests": 0, "non2xx": 0, "errors": 0}
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if m:
        res["rps"] = float(m.group(1))
    for pct, key in (("50", "p50"), ("99", "p99")):
        m = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", out, re.M)
        if m:
            res[key] = to_ms(m.group(1))
    m = re.search(r"(\d+) requests in", out)
    if m:
        res["requests"] = int(m.group(1))
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if m:
        res["non2xx"] = int(m.group(1))
    m = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    if m:
        res["errors"] = sum(int(x) for x in m.groups())
    return res


def run_wrk(base, path, seconds, header):
    cmd = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if header:
        cmd += ["-H", header]
    cmd.append(base + path)
    p = subprocess.run(cmd, capture_output=True, text=True)
    r = parse_wrk(p.stdout)
    r["wrk_exit"] = p.returncode
    return r


def measure(args):
    manifest = json.load(open(args.manifest))
    password = manifest["password"]
    sessions, tokens = {}, {}
    urls = [("healthz", {"path": "/healthz", "role": None})]
    urls += sorted(manifest["urls"].items())
    results = []
    for name, u in urls:
        role, path = u["role"], u["path"]
        headers = {}
        if role is not None:
            if role not in sessions:
                sessions[role] = sign_in(args.base, manifest["accounts"][role], password)
            if path.startswith("/api/"):
                if role not in tokens:
                    tokens[role] = api_token(sessions[role])
                headers = {"Authorization": f"Bearer {tokens[role]}"}
            else:
                headers = {"Cookie": sessions[role].cookie_header()}
        # One plain request first: the URL must answer 200 itself (wrk counts a 3xx as a success).
        probe = Session(args.base)
        t0 = time.monotonic()
        status, body = probe.request("GET", path, headers=headers)
        probe_ms = (time.monotonic() - t0) * 1000
        row = {"name": name, "path": path, "role": role or "-", "status": status, "probe_ms": probe_ms}
        if status != 200:
            row["failed"] = f"answered {status}"
            print(f"  {name:18} {path} as {role}: FAILED ({status}) {body[:120]!r}", file=sys.stderr)
        else:
            header = next(iter(f"{k}: {v}" for k, v in headers.items()), None)
            w = run_wrk(args.base, path, args.seconds, header)
            row.update(w)
            if w["requests"] == 0 and w["wrk_exit"] == 0:
                # Every request took longer than the run: the single probe's time stands for it.
                row.update(rps=0.0, p50=probe_ms, p99=probe_ms, too_slow=True)
            elif w["rps"] is None or w["p50"] is None or w["wrk_exit"] != 0:
                row["failed"] = "wrk gave no figures"
            elif w["non2xx"] > 0:
                row["failed"] = f"{w['non2xx']} of {w['requests']} answers not 2xx/3xx"
            elif w["errors"] > 0 and w["errors"] * 100 > w["requests"]:
                row["failed"] = f"{w['errors']} socket errors"
            print(
                f"  {name:18} {w['rps'] or 0:9.1f} req/s  p50 {w['p50'] or 0:8.2f} ms  "
                f"p99 {w['p99'] or 0:8.2f} ms  {row.get('failed', '')}",
                file=sys.stderr,
            )
        results.append(row)
    json.dump({"base": args.base, "rows": results, "at": time.time()}, open(args.out, "w"), indent=1)


def fmt(v, digits=1):
    return "-" if v is None else f"{v:,.{digits}f}"


def report(args):
    nation = json.load(open(args.nation))["rows"]
    small = {r["name"]: r for r in json.load(open(args.small))["rows"]} if args.small else {}
    health = next((r for r in nation if r["name"] == "healthz"), None)
    health_rps = health.get("rps") if health and not health.get("failed") else None
    rss_mb = args.rss_kb / 1024 if args.rss_kb else None
    lines = [
        f"### {args.backend}: N = {args.people:,} (growth against N = {args.small_people:,})",
        "",
        f"wrk -t2 -c16 -d{args.seconds}s --latency; profile {args.profile}; {args.when}; "
        f"load average before the runs {args.load}.",
        "",
        "| URL | path | role | req/s | p50 ms | p99 ms | / healthz | growth | targets |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    met = failed = 0
    for r in nation:
        if r.get("failed"):
            failed += 1
            lines.append(
                f"| {r['name']} | `{r['path']}` | {r['role']} | FAILED | | | | | {r['failed']} |"
            )
            continue
        s = small.get(r["name"])
        growth = None
        if s and not s.get("failed") and s.get("p50"):
            growth = r["p50"] / s["p50"]
        ratio = r["rps"] / health_rps if health_rps else None
        misses = []
        if r["rps"] < TARGET_RPS:
            misses.append("req/s")
        if r["p99"] > TARGET_P99_MS:
            misses.append("p99")
        if growth is not None and growth > TARGET_GROWTH and r["name"] != "healthz":
            misses.append("growth")
        mark = "met" if not misses else "MISSED: " + ", ".join(misses)
        if r.get("too_slow"):
            mark += f" (no answer within the {args.seconds} s run: p50/p99 are one request's time)"
        met += not misses
        lines.append(
            f"| {r['name']} | `{r['path']}` | {r['role']} | {fmt(r['rps'])} | {fmt(r['p50'], 2)} | "
            f"{fmt(r['p99'], 2)} | {fmt(ratio, 3)} | {fmt(growth, 2)} | {mark} |"
        )
    rss_mark = "-" if rss_mb is None else ("met" if rss_mb <= TARGET_RSS_MB else "MISSED")
    lines += [
        "",
        f"Peak RSS of the server (VmHWM): **{fmt(rss_mb)} MB** (target <= {TARGET_RSS_MB:.0f} MB: {rss_mark}).",
        f"Rows meeting every target: {met} of {len(nation)}; failed: {failed}. "
        f"Targets: >= {TARGET_RPS:.0f} req/s, p99 <= {TARGET_P99_MS:.0f} ms, growth <= {TARGET_GROWTH}.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    with open(args.out, "w") as f:
        f.write(text)
    return 1 if failed else 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("freeport")
    m = sub.add_parser("measure")
    m.add_argument("--base", required=True)
    m.add_argument("--manifest", required=True)
    m.add_argument("--seconds", type=int, default=10)
    m.add_argument("--out", required=True)
    r = sub.add_parser("report")
    for a in ("--backend", "--nation", "--out", "--profile", "--when", "--load"):
        r.add_argument(a, required=a in ("--backend", "--nation", "--out"), default="?")
    r.add_argument("--small")
    r.add_argument("--people", type=int, required=True)
    r.add_argument("--small-people", type=int, default=0)
    r.add_argument("--seconds", type=int, default=0)
    r.add_argument("--rss-kb", type=int, default=0)
    a = p.parse_args()
    if a.cmd == "freeport":
        freeport()
    elif a.cmd == "measure":
        measure(a)
    else:
        sys.exit(report(a))


if __name__ == "__main__":
    main()
