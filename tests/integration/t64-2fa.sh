#!/usr/bin/env bash
# Two-factor sign-in: turning it on and off, codes used once, recovery
# codes, and staff who must use it.  Codes come from oathtool.
. "$(dirname "$0")/../lib.sh"
PW=northwind-demo-2026
db -e "DELETE FROM signin_throttle; DELETE FROM users WHERE email = 'agent-2fa@northwind.example'"
db -e "UPDATE users SET totp_enabled = 0, totp_secret = NULL WHERE email = 'ben@aurora.example'"
echo "$PW" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password ben@aurora.example >/dev/null
code() { oathtool --totp -b "$1" ${2:+-N "$2"}; }
B=$T/ben
signin "$B" ben@aurora.example "$PW"
http GET /account -b "$B"
check "dashboard, 2FA off: the attention card says so" body_has 'id="attention-2fa"'
check "... and links the page that sets it up" body_matches 'id="attention-2fa".*<a href="/account/2fa">Set it up</a>'
blang=$(db -e "SELECT language FROM users WHERE email = 'ben@aurora.example'")
db -e "UPDATE users SET language = 'zh' WHERE email = 'ben@aurora.example'"
http GET /account -b "$B"
check "... in the user's language" body_has '两步验证登录未开启'
db -e "UPDATE users SET language = '$blang' WHERE email = 'ben@aurora.example'"
http GET /account/2fa -b "$B"
check "2FA page: off at first" body_has 'Two-factor sign-in is off'
FORM_PAGE=/account/2fa post "$B" /account/2fa/start "current_password=wrong-password-1"
check "turning it on asks for the current password" body_has 'current password is not right'
FORM_PAGE=/account/2fa post "$B" /account/2fa/start "current_password=$PW"
check "with the password: on to the setup page" header_has Location /account/2fa/setup
http GET /account/2fa/setup -b "$B"
secret=$(grep -o '<code id="totp-secret">[A-Z2-7]*' "$T/body" | sed 's/.*>//')
check "setup shows a 160-bit base32 key" test ${#secret} = 32
check "setup links an otpauth URI" body_matches "otpauth://totp/[^\"]*\\?secret=$secret"
check "not on before a code confirms it" \
	test "$(db -e "SELECT totp_enabled FROM users WHERE email = 'ben@aurora.example'")" = 0
FORM_PAGE=/account/2fa/setup post "$B" /account/2fa/confirm "code=000000"
check "a wrong code: 400" status_is 400
c1=$(code "$secret")
FORM_PAGE=/account/2fa/setup post "$B" /account/2fa/confirm "code=$c1"
check "the right code turns it on" \
	test "$(db -e "SELECT totp_enabled FROM users WHERE email = 'ben@aurora.example'")" = 1
check "ten recovery codes, shown once" test "$(grep -o '<li><code>[a-z2-9]\{5\}-[a-z2-9]\{5\}' "$T/body" | wc -l)" = 10
rc1=$(grep -o '<li><code>[a-z2-9-]*' "$T/body" | sed -n 1p | sed 's/.*>//')
rc2=$(grep -o '<li><code>[a-z2-9-]*' "$T/body" | sed -n 2p | sed 's/.*>//')
rc3=$(grep -o '<li><code>[a-z2-9-]*' "$T/body" | sed -n 3p | sed 's/.*>//')
check "only hashes of the recovery codes are stored" \
	test "$(db -e "SELECT COUNT(*) FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.email = 'ben@aurora.example' AND r.hash = UNHEX(SHA2('$(echo "$rc1" | tr -d -)', 256))")" = 1
post "$B" /signout
FORM_PAGE=

S=$T/ben2
signin "$S" ben@aurora.example "$PW"
check "the password alone leads to the code step" header_has Location /signin/2fa
http GET /account -b "$S"
check "half signed in, the account stays closed" header_has Location /signin
FORM_PAGE=/signin/2fa post "$S" /signin/2fa "code=$c1"
check "a code already used is refused" body_has 'was used already'
c2=$(code "$secret" "now + 30 seconds")
FORM_PAGE=/signin/2fa post "$S" /signin/2fa "code=$c2"
check "a fresh code signs in" header_has Location /account
check "... with a new session id" header_has Set-Cookie 'portico=[0-9a-f]{64}'
http GET /account -b "$S"
check "signed in with two factors" status_is 200
check "dashboard, 2FA on: no attention card about it" body_lacks 'attention-2fa'
post "$S" /signout
S3=$T/ben3
signin "$S3" ben@aurora.example "$PW"
FORM_PAGE=/signin/2fa post "$S3" /signin/2fa "code=${rc1^^}"
check "a recovery code signs in (any case)" header_has Location /account
post "$S3" /signout
S4=$T/ben4
signin "$S4" ben@aurora.example "$PW"
FORM_PAGE=/signin/2fa post "$S4" /signin/2fa "code=$rc1"
check "a recovery code works once" status_is 400
FORM_PAGE=/account/2fa post "$S3" /account/2fa/disable "current_password=$PW" "code=$rc3"
check "signed out, turning it off is not possible" status_is 403
FORM_PAGE=/signin/2fa post "$S4" /signin/2fa "code=$rc2"
FORM_PAGE=/account/2fa post "$S4" /account/2fa/disable "current_password=$PW" "code=$rc3"
check "turning it off (password and a recovery code): 303" header_has Location '/account/2fa\?done=2fa-disabled'
check "off, and the recovery codes gone" \
	test "$(db -e "SELECT CONCAT(u.totp_enabled, ':', COUNT(r.hash)) FROM users u LEFT JOIN recovery_codes r ON r.user_id = u.id WHERE u.email = 'ben@aurora.example' GROUP BY u.id")" = "0:0"
http GET /account -b "$S4"
check "dashboard, 2FA off again: the card is back" body_has 'id="attention-2fa"'

# Staff must use it.
db -e "INSERT INTO users (email, name, status, portal_role) VALUES ('agent-2fa@northwind.example', 'Aino Agent', 'active', 'agent')"
echo "aino-agent-2026" | "$ROOT/portico-admin" -c "$STATE/portico.conf" set-password agent-2fa@northwind.example >/dev/null
A=$T/agent
signin "$A" agent-2fa@northwind.example aino-agent-2026
check "staff without two factors: sent to set it up" header_has Location /signin/2fa/setup
http GET /account -b "$A"
check "... and nothing else is open to them" header_has Location /signin
http GET /signin/2fa/setup -b "$A"
asecret=$(grep -o '<code id="totp-secret">[A-Z2-7]*' "$T/body" | sed 's/.*>//')
check "... the setup page says it is required" body_has 'Staff accounts must use two-factor'
FORM_PAGE=/signin/2fa/setup post "$A" /signin/2fa/setup "code=$(code "$asecret")"
check "after the setup, the recovery codes" body_has 'Your recovery codes'
http GET /account -b "$A"
check "... and the agent is signed in" status_is 200
FORM_PAGE=/account/2fa post "$A" /account/2fa/disable "current_password=aino-agent-2026"
check "staff cannot turn it off" status_is 403
check "2FA changes are audited" \
	test "$(db -e "SELECT COUNT(DISTINCT event) FROM audit_log WHERE event IN ('2fa-enabled', '2fa-disabled', '2fa-failed', 'recovery-code-used')")" = 4
db -e "DELETE FROM users WHERE email = 'agent-2fa@northwind.example'; DELETE FROM signin_throttle"
done_testing
