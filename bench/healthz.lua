-- GET /healthz with nothing but the report at the end.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

function done(summary, latency, requests)
  write_report(summary, latency)
end
