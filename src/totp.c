/*
 * Two-factor sign-in: TOTP (RFC 6238) through liboath, and single-use
 * recovery codes.  The TOTP secret is 160 random bits, shown to the user
 * in base32 and as an otpauth:// URI for authenticator apps.  A code is
 * accepted for the current 30-second step or the one before or after, and
 * each step only once: the last step used is kept with the user and moved
 * forward by a conditional UPDATE, so a code replayed on another worker
 * or host is refused too.  Recovery codes are stored as SHA-256 hashes and
 * spent by a conditional UPDATE.
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
 * Check a six-digit code against secret (base32) and, if right, spend its
 * time step for user_id.  1 accepted, 0 refused, -1 database error.
 */
int
totp_verify(unsigned user_id, const char *secret, const char *code)
{
	char		*raw = NULL;
	size_t		 rawlen, i;
	uint64_t	 step = 0, affected = 0;
	int		 pos, rc;
	struct dbarg	 a[3];

	for (i = 0; code[i] != '\0'; i++)
		if (!isdigit((unsigned char)code[i]))
			return 0;
	if (i != 6 || oath_base32_decode(secret, strlen(secret), &raw,
	    &rawlen) != OATH_OK)
		return 0;
	rc = oath_totp_validate3(raw, rawlen, time(NULL), 30, 0, 1, &pos,
	    &step, code);
	explicit_bzero(raw, rawlen);
	free(raw);
	if (rc < 0)
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
