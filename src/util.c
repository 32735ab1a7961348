/*
 * Small helpers: aborting allocators, the request arena, a growable
 * buffer, UTF-8 validation and kernel randomness.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/random.h>

#include <glib.h>

#include "portico.h"

void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n ? n : 1)) == NULL)
		log_fatalx("out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p;

	if ((p = calloc(n ? n : 1, sz ? sz : 1)) == NULL)
		log_fatalx("out of memory (%zu x %zu bytes)", n, sz);
	return p;
}

void *
xrealloc(void *o, size_t n)
{
	void	*p;

	if ((p = realloc(o, n ? n : 1)) == NULL)
		log_fatalx("out of memory (%zu bytes)", n);
	return p;
}

char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		log_fatalx("out of memory");
	return p;
}

int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF)
 * and no NUL byte: GLib's validator does exactly this when given a length.
 */
bool
utf8_valid(const char *s, size_t len)
{
	return g_utf8_validate_len(s, len, NULL);
}

/*
 * A file's name as it is stored, shown and put in addresses and mail
 * headers: what follows the last / or \ (a folder), as valid UTF-8 (a
 * byte that is not becomes _), at most FILE_NAME_MAX bytes cut on a
 * character's boundary; control characters (C0, DEL, C1), line and paragraph
 * separators, the marks and controls of bidirectional text (a name must
 * read as it is: "invoice\u202etxt.exe") and the characters " \ ; % ? # *
 * : < > | each become _.  NULL when nothing is left, or only . or ..
 * Uploads (files.c) and mail attachments (mailparse.c) both.
 */
char *
file_name_clean(struct arena *a, const char *name)
{
	const char	*base = strrchr(name, '/'), *p;
	char		*out;
	size_t		 n, o = 0, k;
	gunichar	 c;

	if (base == NULL)
		base = strrchr(name, '\\');
	p = base ? base + 1 : name;
	n = strlen(p);
	out = arena_alloc(a, (n < FILE_NAME_MAX ? n : FILE_NAME_MAX) + 1);
	for (; n > 0; n -= k) {
		c = g_utf8_get_char_validated(p, (gssize)n);
		k = c == (gunichar)-1 || c == (gunichar)-2 ? 1 :
		    (size_t)(g_utf8_next_char(p) - p);
		if (c == (gunichar)-1 || c == (gunichar)-2 || c < 0x20 ||
		    (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 ||
		    c == 0x061c || c == 0x200e || c == 0x200f ||
		    (c >= 0x202a && c <= 0x202e) ||
		    (c >= 0x2066 && c <= 0x2069) ||
		    (c < 0x80 && strchr("\"\\;%?#*:<>|", (int)c) != NULL)) {
			if (o + 1 > FILE_NAME_MAX)
				break;
			out[o++] = '_';
		} else {
			if (o + k > FILE_NAME_MAX)
				break;
			memcpy(out + o, p, k);
			o += k;
		}
		p += k;
	}
	out[o] = '\0';
	if (o == 0 || !strcmp(out, ".") || !strcmp(out, ".."))
		return NULL;
	return out;
}

/* Fill buf from the kernel's generator; 0 on success, -1 on failure. */
int
random_bytes(void *buf, size_t len)
{
	unsigned char	*p = buf;
	ssize_t		 n;

	while (len > 0) {
		n = getrandom(p, len, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write 2*len hex digits and a NUL to out. */
void
hex_encode(char *out, const unsigned char *in, size_t len)
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < len; i++) {
		out[2 * i] = hex[in[i] >> 4];
		out[2 * i + 1] = hex[in[i] & 15];
	}
	out[2 * len] = '\0';
}

/*
 * A path on this site: starts with one '/', not '//' or '/\' (which
 * browsers take as another host), and holds no control characters.
 */
bool
str_is_local_path(const char *s)
{
	const unsigned char	*p;

	if (s[0] != '/' || s[1] == '/' || s[1] == '\\')
		return false;
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return false;
	return true;
}

/*
 * The request arena: blocks chained together, freed at once.  Most
 * requests fit in the first block.
 */
struct arena_block {
	struct arena_block	*next;
	size_t			 used, size;
	max_align_t		 data[];
};
struct arena {
	struct arena_block	*head;
};

#define ARENA_BLOCK	(16 * 1024)

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_block	*b = a->head;
	size_t			 need, sz;
	void			*p;

	need = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (need < n)
		log_fatalx("arena: size overflow");
	if (b == NULL || b->size - b->used < need) {
		sz = need > ARENA_BLOCK ? need : ARENA_BLOCK;
		b = xmalloc(sizeof(*b) + sz);
		b->size = sz;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += need;
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		log_fatalx("arena_printf: bad format");
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_free(struct arena *a)
{
	struct arena_block	*b, *next;

	if (a == NULL)
		return;
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->cap - b->len < n + 1) {
		while (b->cap - b->len < n + 1)
			b->cap = b->cap ? b->cap * 2 : 256;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	 small[256];
	char	*big;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		log_fatalx("buf_printf: bad format");
	if ((size_t)n < sizeof(small)) {
		buf_add(b, small, (size_t)n);
		return;
	}
	big = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf_add(b, big, (size_t)n);
	free(big);
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/* Lower-case ASCII letters, digits and inner dashes. */
bool
valid_slug(const char *s, size_t len)
{
	size_t	i;

	if (len == 0 || s[0] == '-' || s[len - 1] == '-')
		return false;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

/*
 * An e-mail address as people type them: one '@', a dot in the domain,
 * no spaces or control characters, at most 254 bytes.
 */
bool
valid_email(const char *s, size_t len)
{
	const char	*at = memchr(s, '@', len);
	size_t		 i;

	if (len < 5 || len > 254 || at == NULL || at == s ||
	    memchr(at + 1, '@', len - (size_t)(at - s) - 1) != NULL ||
	    memchr(at, '.', len - (size_t)(at - s)) == NULL ||
	    s[len - 1] == '.' || at[1] == '.')
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f ||
		    strchr("<>()[],;:\\\"", s[i]) != NULL)
			return false;
	return true;
}

/*
 * An e-mail address as the portal stores it: a copy in the arena with
 * its ASCII letters lower-cased ("" for NULL).
 */
char *
email_normalize(struct arena *a, const char *s)
{
	char	*out = arena_strdup(a, s ? s : ""), *p;

	for (p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}

/*
 * Does s (len bytes of UTF-8) hold a bidirectional embedding, override
 * or isolate (U+202A-U+202E, U+2066-U+2069)?  One line of text refuses
 * them (route.c's valid_line()); a form that shows itself again (a
 * ticket's subject) refuses them with its own message, keeping what
 * was typed.
 */
bool
text_has_bidi(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i;

	for (i = 0; i + 2 < len; i++)
		if (u[i] == 0xe2 && ((u[i + 1] == 0x80 && u[i + 2] >= 0xaa &&
		    u[i + 2] <= 0xae) || (u[i + 1] == 0x81 &&
		    u[i + 2] >= 0xa6 && u[i + 2] <= 0xa9)))
			return true;
	return false;
}
