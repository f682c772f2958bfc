-- Mixed traffic of a council and a provider on kept-alive connections:
-- 80% reads (register searches, one referral, one service, /api/me)
-- and 20% writes (new referrals, vacancy counts). Tokens and ids come from
-- the environment (see sustained_load.sh).
local officer = "Bearer " .. os.getenv("OFFICER_TOKEN")
local manager = "Bearer " .. os.getenv("MANAGER_TOKEN")
local service = os.getenv("SERVICE_ID")
local referral_id = os.getenv("REFERRAL_ID")

local function headers(token, with_body)
  local h = { ["Authorization"] = token }
  if with_body then h["Content-Type"] = "application/json" end
  return h
end

local reads = {
  function() return wrk.format("GET", "/api/services?kind=care_home_nursing&near=B44%208DD&within_miles=10&limit=20", headers(officer)) end,
  function() return wrk.format("GET", "/api/services?local_authority=E08000025&has_vacancy=true&limit=20", headers(officer)) end,
  function() return wrk.format("GET", "/api/referrals/" .. referral_id, headers(officer)) end,
  function() return wrk.format("GET", "/api/services/" .. service, headers(manager)) end,
  function() return wrk.format("GET", "/api/me", headers(officer)) end,
}

local n = 0
local function referral()
  n = n + 1
  local body = '{"kind":"care_home_nursing","needs":["dementia"],"home_postcode":"B44 9AA","age":84,' ..
               '"max_distance_miles":20,"person":{"name":"Load Test ' .. n .. '","date_of_birth":"1941-06-15"}}'
  return wrk.format("POST", "/api/referrals", headers(officer, true), body)
end
local function vacancies()
  n = n + 1
  return wrk.format("PUT", "/api/services/" .. service .. "/vacancies", headers(manager, true), '{"count":' .. (n % 5) .. '}')
end

-- MIX=reads, readN (the Nth read), referrals or vacancies sends only that kind (to find what a
-- figure comes from); unset, the 80/10/10 mix.
local mix = os.getenv("MIX")

request = function()
  if mix == "reads" then return reads[math.random(#reads)]() end
  if mix and mix:sub(1, 4) == "read" then return reads[tonumber(mix:sub(5))]() end
  if mix == "referrals" then return referral() end
  if mix == "vacancies" then return vacancies() end
  local r = math.random(100)
  if r <= 10 then return referral() end
  if r <= 20 then return vacancies() end
  return reads[math.random(#reads)]()
end

done = function(summary, latency, requests)
  -- One line the driver reads: requests, errors, p50 and p99 in microseconds.
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %d %d %d %.1f\n", summary.requests, errors,
                         latency:percentile(50), latency:percentile(99), summary.requests / (summary.duration / 1e6)))
end
