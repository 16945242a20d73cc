-- wrk script: every request POSTs one recorded AdmissionReview to /validate (keep-alive), and a
-- response other than 200 counts as an error (wrk reports it as "Non-2xx").
local file = assert(io.open(os.getenv("SGW_SOAK_REVIEW"), "rb"))
wrk.method = "POST"
wrk.path = "/validate"
wrk.body = file:read("*a")
wrk.headers["Content-Type"] = "application/json"
file:close()
