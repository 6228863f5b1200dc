// The gateway's JSON API: POST /v1/<service>/<method>, proto3 JSON with
// snake_case names; an error answers its HTTP code and {code, message}
// with the gRPC code's name and message. The token (if any) stays in this
// tab's sessionStorage and goes as "authorization: Bearer".
"use strict";
class ApiError extends Error {
  constructor(httpStatus, code, message) {
    super(message || code || `HTTP ${httpStatus}`);
    this.httpStatus = httpStatus;
    this.code = code || "";
  }
}
function token() { return sessionStorage.getItem("idres.token") || ""; }
function setToken(v) { sessionStorage.setItem("idres.token", v); }
async function call(service, method, body) {
  const headers = {"content-type": "application/json"};
  if (token()) headers.authorization = "Bearer " + token();
  const r = await fetch(`/v1/idres.v1.${service}/${method}`, {
    method: "POST", headers, body: JSON.stringify(body || {})});
  const text = await r.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch (e) { json = {message: text}; }
  if (!r.ok) throw new ApiError(r.status, json.code, json.message);
  return json;
}
const identity = (method, body) => call("Identity", method, body);
const governance = (method, body) => call("Governance", method, body);
function errorText(e) {
  if (e instanceof ApiError) {
    if (e.code === "UNAUTHENTICATED") return t("error.unauthenticated");
    return `${e.code || e.httpStatus}: ${e.message}`;
  }
  return String(e);
}
