"""Unit tests of the benchmark's wrk parsing: python3 -m unittest discover -s bench -p 'test_*.py'"""
import unittest

import web

OK = """Running 1s test @ http://127.0.0.1:8080/healthz
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.10ms    2.01ms  30.00ms   95.00%
    Req/Sec     8.00k     1.00k    9.00k    70.00%
  Latency Distribution
     50%  812.00us
     75%    1.20ms
     90%    2.00ms
     99%    1.05s
  16000 requests in 1.00s, 2.00MB read
Requests/sec:  15990.12
Transfer/sec:      2.00MB
"""

ERRORS = """  Latency Distribution
     50%    2.12ms
     99%   42.24ms
  978 requests in 1.03s, 496.82KB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 978
Requests/sec:    950.88
"""


class ParseWrk(unittest.TestCase):
    def test_figures_and_units(self):
        r = web.parse_wrk(OK)
        self.assertEqual(r["rps"], 15990.12)
        self.assertAlmostEqual(r["p50"], 0.812)
        self.assertEqual(r["p99"], 1050.0)
        self.assertEqual(r["requests"], 16000)
        self.assertEqual((r["non2xx"], r["errors"]), (0, 0))

    def test_error_answers_and_socket_errors_are_counted(self):
        r = web.parse_wrk(ERRORS)
        self.assertEqual(r["non2xx"], 978)
        self.assertEqual(r["errors"], 5)
        self.assertEqual(r["p99"], 42.24)

    def test_no_output_gives_no_figures(self):
        r = web.parse_wrk("")
        self.assertIsNone(r["rps"])
        self.assertIsNone(r["p50"])


if __name__ == "__main__":
    unittest.main()
