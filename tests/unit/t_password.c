/*
 * Unit tests: the password policy and its list of common passwords.
 */
#include "config.h"

#include "portico.h"
#include "tap.h"

int
main(void)
{
	static const char *const common[] = { "q1w2e3r4t5y6", "123qweasdzxc",
	    "tinkerbell", "HelloKitty", "manchester", "spiderman123",
	    "sidewinder", "qwertyuiop", "password123", "iloveyou12" };
	size_t	i;

	ok(password_common_count() >= 3000,
	    "at least 3,000 common passwords the length rule lets through (%zu)",
	    password_common_count());
	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		ok(password_policy(common[i], "a@b.example") != NULL &&
		    !strcmp(password_policy(common[i], "a@b.example"),
		    "password-common"), "common: %s refused", common[i]);
	ok(password_policy("correct horse battery staple", NULL) == NULL,
	    "a long, uncommon one is accepted");
	ok(password_policy("Tuuli-Tekninen-2026", NULL) == NULL,
	    "a name with a year and a dash is accepted");
	ok(password_policy("tinkerbel", NULL) != NULL &&
	    !strcmp(password_policy("tinkerbel", NULL), "password-short"),
	    "short ones are refused for their length");
	ok(password_policy("A@B.example", "a@b.example") != NULL &&
	    !strcmp(password_policy("A@B.example", "a@b.example"),
	    "password-email"), "not the address");
	return tap_done();
}
