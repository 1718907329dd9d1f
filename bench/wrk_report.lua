-- wrk script: go through the request paths in WRK_PATHS (one per line in the file named
-- by the environment variable), each of wrk's WRK_THREADS threads taking every
-- WRK_THREADS-th path from its own offset, so no path is sent twice until all were sent;
-- print requests/s and latency percentiles as one machine-readable line.
local paths = {}
local file = io.open(os.getenv("WRK_PATHS"), "r")
for line in file:lines() do paths[#paths + 1] = line end
file:close()
local stride = tonumber(os.getenv("WRK_THREADS") or "1")
local made = 0
local counter = nil

setup = function(thread)
  thread:set("offset", made)
  made = made + 1
end

request = function()
  counter = (counter or (offset or 0) - stride) + stride
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.1f p50=%.2f p95=%.2f p99=%.2f errors=%d non2xx=%d requests=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests))
end
