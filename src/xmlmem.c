/*
 * A request-scoped allocator for libxml2 and libxslt.
 *
 * Everything those libraries allocate while a request is served (the
 * page document, the transform context, the result tree, the output
 * buffer) dies with the request, and malloc/free were a third of the
 * render time.  Between xmlmem_begin() and xmlmem_end() their
 * allocations come from one region by bumping a pointer; free() of such a
 * block does nothing, and xmlmem_end() takes the whole region back at
 * once.  Outside a request (start-up, reload) and for blocks that were
 * malloc'ed before the request began, the C library allocator is used as
 * usual: the region is a single mapping, so "is this block ours" is a
 * range check.
 *
 * The region is reserved (64 MiB of address space, no memory) and pages
 * are touched only as used; after a request that used more than
 * XMLMEM_KEEP bytes the excess is given back to the kernel, so a worker's
 * RSS stays bounded by that.  XMLMEM_KEEP is 4 MiB: the staff queue of 50
 * tickets takes about 1.6 MiB and a ticket of 50 messages about 1.2; with
 * 1 MiB kept those pages faulted 144 and 45 fresh pages in on every
 * request, and the queue's kernel time fell from about 460 to 120-210 us
 * a request with 4 MiB kept.  A request that would need more than the
 * region falls back to malloc.
 *
 * In development mode the used part is overwritten at xmlmem_end(), so a
 * pointer that wrongly outlives its request shows at once in the tests.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <libxml/xmlmemory.h>
#include <libxml/valid.h>

#include "portico.h"

#define XMLMEM_SIZE	(64u << 20)
#define XMLMEM_KEEP	(4u << 20)
#define ALIGN		16u

struct hdr {
	size_t	size;		/* usable bytes after the header */
	size_t	pad;		/* keeps the block 16-byte aligned */
};

static char	*base;
static size_t	 used, high;
static bool	 active, poison, spilled;

static bool
ours(const void *p)
{
	return base != NULL && (const char *)p >= base &&
	    (const char *)p < base + XMLMEM_SIZE;
}

static void *
mem_malloc(size_t n)
{
	struct hdr	*h;
	size_t		 need;

	if (!active)
		return malloc(n);
	need = sizeof(*h) + ((n + ALIGN - 1) & ~(size_t)(ALIGN - 1));
	if (need < n || XMLMEM_SIZE - used < need) {
		spilled = true;
		return malloc(n);
	}
	h = (struct hdr *)(base + used);
	h->size = n;
	used += need;
	return h + 1;
}

static void
mem_free(void *p)
{
	if (p != NULL && !ours(p))
		free(p);
}

static void *
mem_realloc(void *p, size_t n)
{
	struct hdr	*h;
	void		*np;

	if (p == NULL)
		return mem_malloc(n);
	if (!ours(p)) {
		spilled |= active;
		return realloc(p, n);
	}
	h = (struct hdr *)p - 1;
	/* The last block grows in place. */
	if ((char *)p + ((h->size + ALIGN - 1) & ~(size_t)(ALIGN - 1)) ==
	    base + used && active) {
		size_t old = (h->size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
		size_t nw = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);

		if (nw >= n && (nw <= old || XMLMEM_SIZE - used >= nw - old)) {
			used = used - old + nw;
			h->size = n;
			return p;
		}
	}
	if ((np = active ? mem_malloc(n) : malloc(n)) == NULL)
		return NULL;
	memcpy(np, p, h->size < n ? h->size : n);
	return np;
}

static char *
mem_strdup(const char *s)
{
	size_t	 n = strlen(s) + 1;
	char	*p = mem_malloc(n);

	if (p != NULL)
		memcpy(p, s, n);
	return p;
}

/*
 * Install the allocator in libxml2 (before any other libxml2 call).
 * dev: poison freed regions.  Returns 0, or -1 if the region cannot be
 * reserved (libxml2 then keeps using malloc).
 */
int
xmlmem_init(bool dev)
{
	poison = dev;
	base = mmap(NULL, XMLMEM_SIZE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (base == MAP_FAILED) {
		base = NULL;
		return -1;
	}
	return xmlMemSetup(mem_free, mem_malloc, mem_realloc, mem_strdup);
}

/* A request starts: libxml2 allocations come from the region. */
void
xmlmem_begin(void)
{
	if (base != NULL)
		active = true;
	spilled = false;
}

/*
 * Free doc, a document made during this request.  When every block
 * libxml2 took since the request began came from the region, its nodes
 * need no walk (freeing them does nothing, and the walk was a tenth of
 * a page's time): only what the document holds of longer-lived objects
 * is given back, its references on the dictionary, directly and through
 * its tables of ids and references.  Otherwise xmlFreeDoc().
 */
void
xmlmem_doc_free(xmlDocPtr doc)
{
	if (doc == NULL)
		return;
	if (!active || spilled || !ours(doc)) {
		xmlFreeDoc(doc);
		return;
	}
	if (doc->ids != NULL)
		xmlFreeIDTable(doc->ids);
	if (doc->refs != NULL)
		xmlFreeRefTable(doc->refs);
	doc->ids = doc->refs = NULL;
	if (doc->dict != NULL)
		xmlDictFree(doc->dict);
	doc->dict = NULL;
}

/*
 * What libxml2 allocates from here to xmlmem_resume() outlives the
 * request (a worker's own cache): it comes from the C library.  Returns
 * what to pass to xmlmem_resume().
 */
bool
xmlmem_pause(void)
{
	bool	was = active;

	active = false;
	return was;
}

void
xmlmem_resume(bool was)
{
	active = was;
}

/* The request is over: every block it took from the region is free. */
void
xmlmem_end(void)
{
	if (!active)
		return;
	active = false;
	if (used > high)
		high = used;
	if (poison)
		memset(base, 0xdb, used);
	if (high > XMLMEM_KEEP) {
		madvise(base + XMLMEM_KEEP, high - XMLMEM_KEEP, MADV_DONTNEED);
		high = XMLMEM_KEEP;
	}
	used = 0;
}
