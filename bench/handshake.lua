-- New connection per request: GET /health with `Connection: close`, so the server closes after each answer
-- and wrk reconnects. Over https every request is then a full TLS handshake; req/s is handshakes per second.
wrk.method = "GET"
wrk.path = "/health"
wrk.headers["Connection"] = "close"
