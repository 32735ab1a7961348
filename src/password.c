/*
 * The password policy: 10 to 1024 bytes, not the e-mail address, and not
 * one of the passwords people choose most.
 *
 * The list is src/common-passwords.txt (3,000 and more passwords of ten
 * or more characters, the shorter ones failing the length rule already;
 * its source and licence are in its header), compiled into the program
 * and put into a hash set once per process at the first check, so each
 * check is one lookup, whatever the list's length.  Compared without
 * regard to ASCII case.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include <glib.h>

#include "portico.h"

static const char *const common[] = {
#include "common-passwords.inc"
};

static GHashTable	*common_set;	/* lower-cased, for this process */

static void
common_load(void)
{
	size_t	i;

	common_set = g_hash_table_new(g_str_hash, g_str_equal);
	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		g_hash_table_add(common_set, g_ascii_strdown(common[i], -1));
}

/* Is pw one of the common passwords? */
bool
password_is_common(const char *pw)
{
	gchar	*low;
	bool	 found;

	if (common_set == NULL)
		common_load();
	low = g_ascii_strdown(pw, -1);
	found = g_hash_table_contains(common_set, low);
	explicit_bzero(low, strlen(low));
	g_free(low);
	return found;
}

/* How many common passwords there are (the tests check the list's size). */
size_t
password_common_count(void)
{
	if (common_set == NULL)
		common_load();
	return g_hash_table_size(common_set);
}

/*
 * Check a new password; NULL when it is acceptable, else the reason as a
 * catalog word (form.error.WORD): password-short, password-long,
 * password-common, password-email.
 */
const char *
password_policy(const char *pw, const char *email)
{
	size_t	n = strlen(pw);

	if (n < 10)
		return "password-short";
	if (n > 1024)
		return "password-long";
	if (email != NULL && !strcasecmp(pw, email))
		return "password-email";
	if (password_is_common(pw))
		return "password-common";
	return NULL;
}
