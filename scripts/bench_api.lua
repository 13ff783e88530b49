-- wrk script for scripts/bench_api.py: GETs the paths listed in the file BENCH_PATHS, one per
-- line, `Accept: application/json`. Thread t of T (BENCH_THREADS) asks for paths t, t+T,
-- t+2T... so that no path is asked twice while the list lasts, as the Python client does.
-- Prints one JSON line: requests, errors, p50 and p95 in ms, body bytes, seconds.

local threads = {}
local counter = 0

function setup(thread)
   thread:set("id", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

function init(args)
   local total_threads = tonumber(os.getenv("BENCH_THREADS"))
   paths = {}
   for line in io.lines(os.getenv("BENCH_PATHS")) do
      table.insert(paths, line)
   end
   stride, next_index, body_bytes = total_threads, id, 0
   headers = { Accept = "application/json" }
end

function request()
   local path = paths[(next_index % #paths) + 1]
   next_index = next_index + stride
   return wrk.format("GET", path, headers)
end

function response(status, response_headers, body)
   body_bytes = body_bytes + #body
end

function done(summary, latency, requests)
   local errors = summary.errors
   local bytes = 0
   for _, thread in ipairs(threads) do
      bytes = bytes + thread:get("body_bytes")
   end
   io.write(string.format(
      '{"requests": %d, "errors": %d, "p50": %.3f, "p95": %.3f, "bytes": %d, "seconds": %.6f}\n',
      summary.requests,
      errors.connect + errors.read + errors.write + errors.status + errors.timeout,
      latency:percentile(50) / 1000,
      latency:percentile(95) / 1000,
      bytes,
      summary.duration / 1e6
   ))
end
