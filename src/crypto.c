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
