-- Shared by the wrk scripts: at the end of a run, write what wrk measured as JSON to $BENCH_OUT.
-- Latencies are in microseconds, as wrk records them.

function write_report(summary, latency)
  local path = os.getenv("BENCH_OUT")
  if not path or path == "" then return end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local file = assert(io.open(path, "w"))
  file:write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"mean": %.1f, "stdev": %.1f, "min": %d, "max": %d, ' ..
    '"p50": %d, "p90": %d, "p99": %d, "p999": %d}}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency.min, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9)))
  file:close()
end
