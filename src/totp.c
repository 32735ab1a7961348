/*
 * Two-factor sign-in: TOTP (RFC 6238) through liboath, and single-use
 * recovery codes.  The TOTP secret is 160 random bits, shown to the user
 * in base32 and as an otpauth:// URI for authenticator apps.  A code is
 * accepted for the current 30-second step or the one before or after, and
 * each step only once: the last step used is kept with the user and moved
 * forward by a conditional UPDATE, so a code replayed on another worker
 * or host is refused too.  Recovery codes are stored as SHA-256 hashes and
 * spent by a conditional UPDATE.
 *
 * Guessing is bounded by mfa_check(), the one way a second factor is
 * checked for an enabled user: failures are counted per user apart from
 * the password's throttle (a right password never resets them, only a
 * right code does), and totp_max_failures of them in a row lock the
 * second factor, codes and recovery codes alike, for totp_lock_minutes
 * (or until a password reset by mail or staff lift it), and mail the
 * user.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <liboath/oath.h>

#include "portico.h"

static struct dbstmt q_step = DBSTMT(
    "UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?");
static struct dbstmt q_code_spend = DBSTMT(
    "UPDATE recovery_codes SET used_at = NOW() WHERE user_id = ? "
    "AND hash = ? AND used_at IS NULL");
static struct dbstmt q_codes_clear = DBSTMT(
    "DELETE FROM recovery_codes WHERE user_id = ?");
static struct dbstmt q_code_add = DBSTMT(
    "INSERT INTO recovery_codes (user_id, hash) VALUES (?, ?)");
enum { MFA_GET_TOTP_FAILURES, MFA_GET_LOCKED, MFA_GET_HAS_LOCK, MFA_GET__MAX };
static struct dbstmt q_mfa_get = DBSTMT_COLS(
    "SELECT totp_failures, COALESCE(totp_locked_until > NOW(), 0), "
    "totp_locked_until IS NOT NULL FROM users WHERE id = ? FOR UPDATE",
    MFA_GET__MAX);
static struct dbstmt q_mfa_count = DBSTMT(
    "UPDATE users SET totp_failures = ?, totp_locked_until = NULL "
    "WHERE id = ?");
static struct dbstmt q_mfa_clear = DBSTMT(
    "UPDATE users SET totp_failures = 0, totp_locked_until = NULL "
    "WHERE id = ?");
static struct dbstmt q_mfa_lock = DBSTMT(
    "UPDATE users SET totp_locked_until = NOW() + INTERVAL ? MINUTE "
    "WHERE id = ? AND totp_failures >= ? AND (totp_locked_until IS NULL "
    "OR totp_locked_until <= NOW())");
static struct dbstmt q_mfa_unlock = DBSTMT(
    "UPDATE users SET totp_failures = 0, totp_locked_until = NULL "
    "WHERE id = ? AND totp_locked_until > NOW()");

void
totp_init(void)
{
	oath_init();
}

/* A new secret, base32 (32 characters) into out.  0 or -1. */
int
totp_new_secret(char out[33])
{
	char	raw[20], *b32 = NULL;
	size_t	len;

	if (random_bytes(raw, sizeof(raw)) == -1 ||
	    oath_base32_encode(raw, sizeof(raw), &b32, &len) != OATH_OK ||
	    len != 32) {
		free(b32);
		return -1;
	}
	memcpy(out, b32, 32);
	out[32] = '\0';
	explicit_bzero(raw, sizeof(raw));
	free(b32);
	return 0;
}

/*
 * Is code a six-digit code of secret (base32) now?  1 with its time step
 * in *step, or 0.  Spends nothing.
 */
int
totp_match(const char *secret, const char *code, uint64_t *step)
{
	char		*raw = NULL;
	size_t		 rawlen, i;
	int		 pos, rc;

	*step = 0;
	for (i = 0; code[i] != '\0'; i++)
		if (!isdigit((unsigned char)code[i]))
			return 0;
	if (i != 6 || oath_base32_decode(secret, strlen(secret), &raw,
	    &rawlen) != OATH_OK)
		return 0;
	rc = oath_totp_validate3(raw, rawlen, time(NULL), 30, 0, 1, &pos,
	    step, code);
	explicit_bzero(raw, rawlen);
	free(raw);
	return rc >= 0;
}

/*
 * Check a six-digit code against secret (base32) and, if right, spend its
 * time step for user_id.  1 accepted, 0 refused, -1 database error.
 */
int
totp_verify(unsigned user_id, const char *secret, const char *code)
{
	uint64_t	 step, affected = 0;
	struct dbarg	 a[3];

	if (!totp_match(secret, code, &step))
		return 0;
	a[0] = DBI(step);
	a[1] = DBI(user_id);
	a[2] = DBI(step);
	if (db_exec(&q_step, &affected, NULL, 3, a) != DB_OK)
		return -1;
	return affected == 1;
}

/* A recovery code as typed: lower-case, without spaces or dashes. */
static void
code_normalize(const char *in, char *out, size_t outlen)
{
	size_t	o = 0;

	for (; *in != '\0' && o + 1 < outlen; in++)
		if (isalnum((unsigned char)*in))
			out[o++] = (char)tolower((unsigned char)*in);
	out[o] = '\0';
}

/* Spend a recovery code of user_id: 1 spent, 0 not a good code, -1 error. */
int
recovery_spend(unsigned user_id, const char *typed)
{
	char		 norm[64];
	unsigned char	 hash[32];
	uint64_t	 affected = 0;
	struct dbarg	 a[2];

	code_normalize(typed, norm, sizeof(norm));
	if (strlen(norm) != 10)
		return 0;
	sha256(norm, 10, hash);
	a[0] = DBI(user_id);
	a[1] = (struct dbarg){ 's', (const char *)hash, 32, 0 };
	if (db_exec(&q_code_spend, &affected, NULL, 2, a) != DB_OK)
		return -1;
	return affected == 1;
}

/*
 * Replace user_id's recovery codes with ten new ones, written to codes
 * as "xxxxx-xxxxx" (allocated in r).  Returns a dberr.
 */
int
recovery_new(struct req *r, unsigned user_id, const char *codes[10])
{
	static const char	 alpha[] = "abcdefghjkmnpqrstuvwxyz23456789";
	unsigned char		 raw[10], hash[32];
	char			 code[12], norm[11];
	struct dbarg		 a[2];
	size_t			 i, k;
	int			 e;

	a[0] = DBI(user_id);
	if ((e = db_exec(&q_codes_clear, NULL, NULL, 1, a)) != DB_OK)
		return e;
	for (i = 0; i < 10; i++) {
		if (random_bytes(raw, sizeof(raw)) == -1)
			return DB_ERROR;
		for (k = 0; k < 10; k++)
			norm[k] = alpha[raw[k] % (sizeof(alpha) - 1)];
		norm[10] = '\0';
		memcpy(code, norm, 5);
		code[5] = '-';
		memcpy(code + 6, norm + 5, 5);
		code[11] = '\0';
		sha256(norm, 10, hash);
		a[1] = (struct dbarg){ 's', (const char *)hash, 32, 0 };
		if ((e = db_exec(&q_code_add, NULL, NULL, 2, a)) != DB_OK)
			return e;
		codes[i] = arena_strdup(r->arena, code);
	}
	explicit_bzero(norm, sizeof(norm));
	return DB_OK;
}

int
recovery_clear(unsigned user_id)
{
	struct dbarg	a[1];

	a[0] = DBI(user_id);
	return db_exec(&q_codes_clear, NULL, NULL, 1, a);
}

struct mfa_try {
	unsigned	 user_id;
	bool		 locked;	/* locked, or no attempt left */
};

/*
 * Count an attempt before its code is checked, so that guesses sent at
 * once cannot pass the limit between a check and its count.  A lock that
 * has run out starts the count again.
 */
static int
mfa_count(void *arg)
{
	struct mfa_try	*t = arg;
	struct dbres	*res;
	struct dbarg	 a[2];
	long		 failures;
	int		 e;

	a[0] = DBI(t->user_id);
	if ((e = db_query(&q_mfa_get, &res, 1, a)) != DB_OK)
		return e;
	if (res->nrows != 1) {
		dbres_free(res);
		return DB_ERROR;
	}
	failures = strtol(dbres_get(res, 0, MFA_GET_TOTP_FAILURES), NULL, 10);
	t->locked = !strcmp(dbres_get(res, 0, MFA_GET_LOCKED), "1");
	if (!strcmp(dbres_get(res, 0, MFA_GET_HAS_LOCK), "1") && !t->locked)
		failures = 0;
	dbres_free(res);
	if (t->locked || failures >= conf->totp_max_failures) {
		t->locked = true;
		return DB_OK;
	}
	a[0] = DBI(failures + 1);
	a[1] = DBI(t->user_id);
	return db_exec(&q_mfa_count, NULL, NULL, 2, a);
}

/* Lock u's second factor if its failures reached the limit; mail once. */
static int
mfa_lock(struct req *r, const struct account_user *u)
{
	struct dbarg	 a[3];
	uint64_t	 n = 0;
	int		 e;

	a[0] = DBI(conf->totp_lock_minutes);
	a[1] = DBI(u->id);
	a[2] = DBI(conf->totp_max_failures);
	if ((e = db_exec(&q_mfa_lock, &n, NULL, 3, a)) != DB_OK || n == 0)
		return e;
	audit(r, "2fa-locked", u->id, u->account_id, "for %d minutes",
	    conf->totp_lock_minutes);
	if (mail_queue(r, u->email, u->name, u->lang, "2fa-locked",
	    site_link(r, "/reset", NULL)) != DB_OK)
		log_warnx("could not queue the lock notice to user %u", u->id);
	return DB_OK;
}

/*
 * Check code (an authenticator code or a recovery code) as the second
 * factor of u, counting the attempt: *res says how it went (MFA_LOCKED:
 * not checked at all).  A right code clears the count; a wrong one may
 * lock the second factor (audited, and the user is mailed).  Audits
 * failures and spent recovery codes.  Returns a dberr.
 */
int
mfa_check(struct req *r, const struct account_user *u, const char *code,
    enum mfa *res)
{
	struct mfa_try	 t = { u->id, false };
	struct dbarg	 a[1];
	int		 e, ok;

	/* A form sent without a code guesses nothing. */
	*res = MFA_WRONG;
	if (code == NULL || *code == '\0')
		return DB_OK;
	*res = MFA_LOCKED;
	if ((e = db_tx(mfa_count, &t)) != DB_OK)
		return e;
	if (t.locked)
		return mfa_lock(r, u);
	*res = MFA_WRONG;
	if (!u->totp_enabled)
		ok = 0;
	else if ((ok = totp_verify(u->id, u->totp_secret, code)) == 1)
		*res = MFA_TOTP;
	else if (ok == 0 && (ok = recovery_spend(u->id, code)) == 1)
		*res = MFA_RECOVERY;
	if (ok == -1)
		return DB_ERROR;
	a[0] = DBI(u->id);
	if (ok == 1) {
		if (*res == MFA_RECOVERY)
			audit(r, "recovery-code-used", u->id, u->account_id,
			    "%s", "");
		return db_exec(&q_mfa_clear, NULL, NULL, 1, a);
	}
	audit(r, "2fa-failed", u->id, u->account_id, "%s", "");
	return mfa_lock(r, u);
}

/*
 * Lift a lock on u's second factor (a password reset by mail proved the
 * mailbox).  Audited when there was one.  Returns a dberr.
 */
int
mfa_unlock(struct req *r, const struct account_user *u)
{
	struct dbarg	 a[1];
	uint64_t	 n = 0;
	int		 e;

	a[0] = DBI(u->id);
	if ((e = db_exec(&q_mfa_unlock, &n, NULL, 1, a)) == DB_OK && n == 1)
		audit(r, "2fa-unlocked", u->id, u->account_id, "%s",
		    "password reset");
	return e;
}
