/*
 * Secrets: random tokens and their hashes, constant-time comparison,
 * and passwords with Argon2id (libargon2).
 *
 * A token handed to a user (session id, mailed link) is 32 random bytes
 * from the kernel, written as 64 hex digits; only its SHA-256 is stored.
 *
 * Argon2id is memory-hard by design (argon2_memory KiB per hash), so at
 * most argon2_max_parallel hashes run at once on a host, across all its
 * workers: each takes one of that many byte-range locks on a file in
 * lock_dir.  The kernel drops a lock when its process dies, so a worker
 * killed mid-hash cannot leak a slot.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <argon2.h>
#include <glib.h>

#include "portico.h"

#define SALT_LEN	16
#define HASH_LEN	32
#define SLOT_WAIT_MS	3000	/* then the page says the host is busy */

/* out = SHA-256(data). */
void
sha256(const void *data, size_t len, unsigned char out[32])
{
	GChecksum	*c = g_checksum_new(G_CHECKSUM_SHA256);
	gsize		 n = 32;

	g_checksum_update(c, data, (gssize)len);
	g_checksum_get_digest(c, out, &n);
	g_checksum_free(c);
}

/* A new token: 64 hex digits in hex, its SHA-256 in hash.  0 or -1. */
int
token_new(char hex[65], unsigned char hash[32])
{
	unsigned char	raw[32];

	if (random_bytes(raw, sizeof(raw)) == -1)
		return -1;
	hex_encode(hex, raw, sizeof(raw));
	explicit_bzero(raw, sizeof(raw));
	sha256(hex, 64, hash);
	return 0;
}

/* Is s a well-formed token (64 lower-case hex digits)? */
bool
token_valid(const char *s, size_t len)
{
	size_t	i;

	if (len != 64)
		return false;
	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* Compare two strings in time that depends only on their lengths. */
bool
ct_equal(const char *a, const char *b)
{
	size_t		 la = strlen(a), lb = strlen(b), i;
	unsigned char	 d = la != lb;

	for (i = 0; i < la && i < lb; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0;
}

/*
 * Signed links.  The links mail carries to act without signing in
 * (unsubscribe) are "PAYLOAD-SIG": SIG is the HMAC-SHA256 of PAYLOAD
 * (64 hex digits) under the site's link secret, 32 random bytes made
 * (by MariaDB) for the first worker that needs them and kept in
 * site_secrets (migration 032), so that every worker and node signs
 * alike.  A worker reads the
 * secret once; deleting the row (and restarting the workers) makes a
 * new one and ends every link signed before.
 */
#define LINK_SECRET_LEN	32

enum { SECRET_HEX, SECRET__MAX };
static struct dbstmt q_secret_get = DBSTMT_COLS(
    "SELECT HEX(secret) FROM site_secrets WHERE name = 'links'",
    SECRET__MAX);
/* Two workers at once: the first row stays, and both read it back.
 * MariaDB makes the bytes (RANDOM_BYTES, its TLS library's generator):
 * the secret is never a statement's value, which a log would keep. */
static struct dbstmt q_secret_add = DBSTMT(
    "INSERT IGNORE INTO site_secrets (name, secret) VALUES ('links', "
    "RANDOM_BYTES(32))");

static unsigned char	link_key[LINK_SECRET_LEN];
static bool		link_key_loaded;

static int
secret_read(bool *found)
{
	struct dbres	*res;
	const char	*hex;
	size_t		 i;
	unsigned int	 byte;
	int		 e;

	*found = false;
	if ((e = db_query(&q_secret_get, &res, 0, NULL)) != DB_OK)
		return e;
	hex = dbres_get(res, 0, SECRET_HEX);
	if (res->nrows == 1 && strlen(hex) == 2 * LINK_SECRET_LEN) {
		for (i = 0; i < LINK_SECRET_LEN; i++) {
			if (sscanf(hex + 2 * i, "%2x", &byte) != 1)
				break;
			link_key[i] = (unsigned char)byte;
		}
		*found = i == LINK_SECRET_LEN;
	}
	dbres_free(res);
	return DB_OK;
}

/* Load (or make) the link secret into link_key.  Returns a dberr. */
int
link_secret(void)
{
	bool		 found;
	int		 e;

	if (link_key_loaded)
		return DB_OK;
	if ((e = secret_read(&found)) != DB_OK)
		return e;
	if (!found) {
		e = db_exec(&q_secret_add, NULL, NULL, 0, NULL);
		if (e != DB_OK || (e = secret_read(&found)) != DB_OK)
			return e;
		if (!found) {
			log_warnx("site_secrets: the link secret is malformed");
			return DB_ERROR;
		}
	}
	link_key_loaded = true;
	return DB_OK;
}

/* sig = hex HMAC-SHA256(link_key, payload). */
static void
link_hmac(const char *payload, char sig[65])
{
	GHmac		*h;
	unsigned char	 d[32];
	gsize		 n = sizeof(d);

	h = g_hmac_new(G_CHECKSUM_SHA256, link_key, sizeof(link_key));
	g_hmac_update(h, (const guchar *)payload, (gssize)strlen(payload));
	g_hmac_get_digest(h, d, &n);
	g_hmac_unref(h);
	hex_encode(sig, d, sizeof(d));
	explicit_bzero(d, sizeof(d));
}

/* "payload-SIG", allocated in a; NULL when the secret cannot be read. */
const char *
link_sign(struct arena *a, const char *payload)
{
	char	sig[65];

	if (link_secret() != DB_OK)
		return NULL;
	link_hmac(payload, sig);
	return arena_printf(a, "%s-%s", payload, sig);
}

/*
 * Whether token is "payload-SIG" with the right signature, compared in
 * constant time; *payload (in a) is its payload.  Returns a dberr, or
 * DB_OK with *good set.
 */
int
link_verify(struct arena *a, const char *token, const char **payload,
    bool *good)
{
	const char	*dash = strrchr(token, '-');
	char		*p, sig[65];
	int		 e;

	*good = false;
	if (dash == NULL || dash == token || strlen(dash + 1) != 64)
		return DB_OK;
	if ((e = link_secret()) != DB_OK)
		return e;
	p = arena_strdup(a, token);
	p[dash - token] = '\0';
	link_hmac(p, sig);
	*good = ct_equal(sig, dash + 1);
	explicit_bzero(sig, sizeof(sig));
	*payload = p;
	return DB_OK;
}

static int	slot_fd = -1;

/* Take one of the host's Argon2 slots; the slot number or -1 (busy). */
static int
slot_take(void)
{
	struct flock	fl;
	char		path[4096];
	int64_t		until = now_ms() + SLOT_WAIT_MS;
	struct timespec	ts = { 0, 5 * 1000000L };
	int		i;

	if (slot_fd == -1) {
		snprintf(path, sizeof(path), "%s/argon2.lock", conf->lock_dir);
		if ((slot_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600))
		    == -1) {
			log_warn("%s", path);
			return -1;
		}
	}
	do {
		for (i = 0; i < conf->argon2_max_parallel; i++) {
			memset(&fl, 0, sizeof(fl));
			fl.l_type = F_WRLCK;
			fl.l_whence = SEEK_SET;
			fl.l_start = i;
			fl.l_len = 1;
			if (fcntl(slot_fd, F_SETLK, &fl) == 0)
				return i;
		}
		nanosleep(&ts, NULL);
	} while (now_ms() < until);
	return -1;
}

static void
slot_give(int i)
{
	struct flock	fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_UNLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = i;
	fl.l_len = 1;
	fcntl(slot_fd, F_SETLK, &fl);
}

/*
 * Hash pw with Argon2id and the configured parameters into out, as the
 * standard encoded string.  0, or -1 (busy host or library error).
 */
int
password_hash(const char *pw, char *out, size_t outlen)
{
	unsigned char	salt[SALT_LEN];
	int		slot, rc;

	if (random_bytes(salt, sizeof(salt)) == -1 ||
	    (slot = slot_take()) == -1)
		return -1;
	rc = argon2id_hash_encoded((uint32_t)conf->argon2_time,
	    (uint32_t)conf->argon2_memory, (uint32_t)conf->argon2_parallelism,
	    pw, strlen(pw), salt, sizeof(salt), HASH_LEN, out, outlen);
	slot_give(slot);
	if (rc != ARGON2_OK) {
		log_warnx("argon2: %s", argon2_error_message(rc));
		return -1;
	}
	return 0;
}

static char	dummy_hash[256];

/*
 * Make the dummy hash that a sign-in for an unknown address is checked
 * against, so that it costs what a real check costs.  Called at start-up
 * and reload, before the workers fork (the parameters are the
 * configured ones).  0 or -1.
 */
int
password_dummy_init(void)
{
	unsigned char	salt[SALT_LEN];

	if (random_bytes(salt, sizeof(salt)) == -1)
		return -1;
	return argon2id_hash_encoded((uint32_t)conf->argon2_time,
	    (uint32_t)conf->argon2_memory, (uint32_t)conf->argon2_parallelism,
	    "no such user", 12, salt, sizeof(salt), HASH_LEN, dummy_hash,
	    sizeof(dummy_hash)) == ARGON2_OK ? 0 : -1;
}

const char *
password_dummy(void)
{
	return dummy_hash;
}

/*
 * Check pw against an encoded Argon2id hash: 1 it matches, 0 it does
 * not, -1 the host is too busy (or the hash is not Argon2id).
 */
int
password_verify(const char *encoded, const char *pw)
{
	int	slot, rc;

	if (strncmp(encoded, "$argon2id$", 10))
		return 0;
	if ((slot = slot_take()) == -1)
		return -1;
	rc = argon2id_verify(encoded, pw, strlen(pw));
	slot_give(slot);
	return rc == ARGON2_OK;
}

/* Was encoded made with weaker parameters than the configured ones? */
bool
password_needs_rehash(const char *encoded)
{
	unsigned	m, t, p;

	if (sscanf(encoded, "$argon2id$v=19$m=%u,t=%u,p=%u$", &m, &t, &p)
	    != 3)
		return true;
	return m < (unsigned)conf->argon2_memory ||
	    t < (unsigned)conf->argon2_time ||
	    p < (unsigned)conf->argon2_parallelism;
}
