/*
 * The password policy: 10 to 1024 bytes, not the e-mail address, and not
 * one of the passwords people choose most (the list below holds those of
 * ten or more characters; shorter ones fail the length rule already).
 * Compared without regard to ASCII case.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "portico.h"

static const char *common[] = {	/* sorted at first use */
	"0123456789", "1111111111", "1234567890", "1234512345",
	"123123123123", "1234567891", "12345678910", "123456789a",
	"123456789q", "1234qwerasdf", "1q2w3e4r5t", "1q2w3e4r5t6y",
	"1qaz2wsx3edc", "5555555555", "6666666666", "7777777777",
	"8888888888", "9999999999", "987654321", "9876543210",
	"aaaaaaaaaa", "abc1234567", "abcd123456", "abcdefghij",
	"administrator", "asdfghjkl1", "asdfghjkl;", "baseball123",
	"basketball", "changeme123", "computer123", "dragon12345",
	"football123", "iloveyou12", "iloveyou123", "letmein123",
	"login12345", "master1234", "michael123", "monkey12345",
	"passw0rd123", "password00", "password01", "password1",
	"password12", "password123", "password1234", "password!",
	"princess123", "q1w2e3r4t5", "qazwsxedc123", "qazwsxedcrfv",
	"qwer123456", "qwerty1234", "qwerty12345", "qwerty123456",
	"qwertyuiop", "qwertyuiop123", "starwars123", "sunshine123",
	"superman123", "welcome123", "welcome1234", "zaq12wsxcde",
	"zxcvbnm123", "zxcvbnmasd", "0987654321", "1122334455",
	"1212121212", "123654789a", "2020202020", "abcdefg123",
	"adminadmin", "azertyuiop", "charlie123", "chocolate1",
	"jessica123", "liverpool1", "password2023", "password2024",
	"password2025", "password2026", "trustno1trustno1", "whatever123",
};

static int
cmp_key(const void *key, const void *elem)
{
	return strcasecmp(key, *(const char *const *)elem);
}

static int
cmp_elems(const void *a, const void *b)
{
	return strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

static bool
is_common(const char *pw)
{
	static bool	sorted;
	size_t		n = sizeof(common) / sizeof(common[0]);

	if (!sorted) {
		qsort(common, n, sizeof(common[0]), cmp_elems);
		sorted = true;
	}
	return bsearch(pw, common, n, sizeof(common[0]), cmp_key) != NULL;
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
	if (is_common(pw))
		return "password-common";
	return NULL;
}
