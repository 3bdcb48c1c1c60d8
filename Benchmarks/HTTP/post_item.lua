-- POST /items/ with a valid item, as the benchmark's validated-body case.
wrk.method = "POST"
wrk.body = '{"name":"Widget","price":9.5,"tags":["tools","garden"],"description":"A fine widget"}'
wrk.headers["Content-Type"] = "application/json"
