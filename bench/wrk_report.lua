-- wrk script: rotate through the request paths in WRK_PATHS (one per line in the file
-- named by the environment variable), and print requests/s and latency percentiles
-- as one machine-readable line.
local paths = {}
local file = io.open(os.getenv("WRK_PATHS"), "r")
for line in file:lines() do paths[#paths + 1] = line end
file:close()
local counter = 0

request = function()
  counter = counter + 1
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
