/* HTML to text, with libxml2's HTML parser.
 *
 * The tree is walked without recursion (next/parent links and a frame
 * stack of our own, capped), so a hostile nesting depth costs memory, not
 * the C stack.  Text is laid out like a browser would: white space
 * collapsed, block elements on their own lines, a blank line around
 * paragraphs, headings, lists and quotes; <br> always breaks.  Quoted
 * history (see quote.c) is written as "> " lines, one "> " per level, so
 * that it looks like quoting in a plain-text reply.  libxml2 reads the
 * markup as tidy.c rewrote it. */
#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

#define FRAMES_MAX  4096 /* deeper elements are not read */
#define PREFIX_MAX  32   /* quote levels written */
#define BULLET_SIZE 16

enum kind {
	K_INLINE,
	K_SKIP,  /* head, script, style...: nothing inside is text */
	K_BR,    /* line break */
	K_BLOCK, /* own line */
	K_PARA,  /* own line, blank line around */
	K_LIST,  /* ul, ol */
	K_ITEM,  /* li */
	K_ROW,   /* tr */
	K_CELL,  /* td, th */
	K_PRE,   /* pre: white space kept */
};

struct kind_entry {
	const char *name;
	enum kind kind;
};

static const struct kind_entry kinds[] = {
    /* sorted for bsearch */
    {"address", K_BLOCK},
    {"article", K_BLOCK},
    {"aside", K_BLOCK},
    {"blockquote", K_PARA},
    {"br", K_BR},
    {"caption", K_BLOCK},
    {"center", K_BLOCK},
    {"dd", K_BLOCK},
    {"details", K_BLOCK},
    {"dialog", K_BLOCK},
    {"dir", K_LIST},
    {"div", K_BLOCK},
    {"dl", K_PARA},
    {"dt", K_BLOCK},
    {"embed", K_SKIP},
    {"fieldset", K_BLOCK},
    {"figcaption", K_BLOCK},
    {"figure", K_BLOCK},
    {"footer", K_BLOCK},
    {"form", K_BLOCK},
    {"h1", K_PARA},
    {"h2", K_PARA},
    {"h3", K_PARA},
    {"h4", K_PARA},
    {"h5", K_PARA},
    {"h6", K_PARA},
    {"head", K_SKIP},
    {"header", K_BLOCK},
    {"hr", K_BLOCK},
    {"iframe", K_SKIP},
    {"legend", K_BLOCK},
    {"li", K_ITEM},
    {"main", K_BLOCK},
    {"map", K_SKIP},
    {"math", K_SKIP},
    {"menu", K_LIST},
    {"nav", K_BLOCK},
    {"object", K_SKIP},
    {"ol", K_LIST},
    {"p", K_PARA},
    {"pre", K_PRE},
    {"script", K_SKIP},
    {"section", K_BLOCK},
    {"select", K_SKIP},
    {"style", K_SKIP},
    {"summary", K_BLOCK},
    {"svg", K_SKIP},
    {"table", K_BLOCK},
    {"td", K_CELL},
    {"template", K_SKIP},
    {"th", K_CELL},
    {"title", K_SKIP},
    {"tr", K_ROW},
    {"ul", K_LIST},
    {"xml", K_SKIP},
};

static int kind_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct kind_entry *)elem)->name);
}

static enum kind kind_of(const char *name)
{
	const void *k =
	    bsearch(name, kinds, ARRAY_SIZE(kinds), sizeof(kinds[0]), kind_cmp);

	return k ? ((const struct kind_entry *)k)->kind : K_INLINE;
}

/* --- the writer -------------------------------------------------------- */

struct writer {
	struct sbuf *sb;
	size_t line_start;        /* where the current line's text starts */
	int line_depth;           /* quote depth of the current line */
	int depth;                /* quote depth of what comes next */
	unsigned pending;         /* line breaks owed */
	char sep;                 /* ' ' or '\t' owed between words/cells */
	char bullet[BULLET_SIZE]; /* written before the next text */
	bool any;                 /* text was written */
};

static void add_prefix(struct writer *w, int depth)
{
	for (int k = 0; k < depth && k < PREFIX_MAX; k++) {
		sbuf_add(w->sb, "> ", 2);
	}
}

static void rstrip_line(struct writer *w)
{
	struct sbuf *sb = w->sb;

	while (sb->len > w->line_start &&
	       (sb->buf[sb->len - 1] == ' ' || sb->buf[sb->len - 1] == '\t')) {
		sb->len--;
	}
	if (sb->buf) {
		sb->buf[sb->len] = '\0';
	}
}

/* Writes the breaks owed (or the separator) before text. */
static void flush_breaks(struct writer *w)
{
	int blank_depth;

	if (!w->any) {
		add_prefix(w, w->depth);
		w->line_start = w->sb->len;
		w->line_depth = w->depth;
		w->pending = 0;
		w->sep = 0;
		return;
	}
	if (w->pending == 0 && w->line_depth != w->depth) {
		w->pending = 1;
	}
	if (w->pending == 0) {
		if (w->sep) {
			sbuf_addch(w->sb, w->sep);
		}
		w->sep = 0;
		return;
	}
	blank_depth = w->line_depth < w->depth ? w->line_depth : w->depth;
	rstrip_line(w);
	sbuf_addch(w->sb, '\n');
	for (unsigned k = 1; k < w->pending && k < 3; k++) {
		add_prefix(w, blank_depth);
		sbuf_addch(w->sb, '\n');
	}
	add_prefix(w, w->depth);
	w->line_start = w->sb->len;
	w->line_depth = w->depth;
	w->pending = 0;
	w->sep = 0;
}

static void put_text(struct writer *w, const char *s, size_t n)
{
	flush_breaks(w);
	if (w->bullet[0]) {
		sbuf_adds(w->sb, w->bullet);
		w->bullet[0] = '\0';
	}
	sbuf_add(w->sb, s, n);
	w->any = true;
}

/* Ends the line if it has text. */
static void soft_break(struct writer *w)
{
	if (w->any && w->pending == 0) {
		w->pending = 1;
	}
	w->sep = 0;
}

/* A blank line, unless at the start. */
static void para_break(struct writer *w)
{
	if (w->any && w->pending < 2) {
		w->pending = 2;
	}
	w->sep = 0;
}

static void hard_break(struct writer *w)
{
	if (w->any) {
		w->pending++;
	}
	w->sep = 0;
}

/* --- text nodes -------------------------------------------------------- */

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Length of a character that is dropped (zero width space, LRM, RLM,
 * BOM) or turned into a space (no-break space) at s; 0 otherwise. */
static size_t special_len(const unsigned char *s, bool *nbsp)
{
	*nbsp = s[0] == 0xc2 && s[1] == 0xa0;
	if (*nbsp) {
		return 2;
	}
	if (s[0] == 0xe2 && s[1] == 0x80 &&
	    (s[2] == 0x8b || s[2] == 0x8e || s[2] == 0x8f)) {
		return 3;
	}
	return (s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf) ? 3 : 0;
}

static void text_flow(struct writer *w, const unsigned char *s)
{
	while (*s) {
		bool nbsp;
		size_t sp = special_len(s, &nbsp);
		size_t n = 0;

		if (is_space(*s)) {
			while (is_space(*s)) {
				s++;
			}
			w->sep = w->sep ? w->sep : ' ';
			continue;
		}
		if (sp) {
			if (nbsp) {
				put_text(w, " ", 1); /* kept, not collapsed */
			}
			s += sp;
			continue;
		}
		while (s[n] && !is_space(s[n]) && !special_len(s + n, &nbsp)) {
			n++;
		}
		put_text(w, (const char *)s, n);
		s += n;
	}
}

/* Text inside <pre>: spaces kept, newlines break. */
static void text_pre(struct writer *w, const unsigned char *s)
{
	while (*s) {
		size_t n = strcspn((const char *)s, "\r\n");

		if (n) {
			put_text(w, (const char *)s, n);
			s += n;
		}
		if (*s == '\n') {
			hard_break(w);
		}
		if (*s) {
			s++;
		}
	}
}

/* --- the walk ----------------------------------------------------------- */

/* What an element changed, undone when it ends. */
struct frame {
	enum kind kind;
	bool quote_scope; /* restores depth and absorb at the end */
	int depth_before;
	bool absorb_before;
	int list_before; /* index of the enclosing list frame, or -1 */
	unsigned items;  /* for ol */
	bool ordered;
};

struct walk {
	struct writer w;
	struct frame *frames;
	size_t nframes;
	size_t alloc;
	int list;    /* frame index of the innermost list, or -1 */
	bool absorb; /* the next blockquote adds no level (Gmail) */
	int pre;
	size_t divider_at; /* output length at the last divider */
};

static void quote_enter(struct walk *h, const xmlNode *n, struct frame *f)
{
	enum html_quote q = mime_html_quote_kind(n);

	if (q == HTML_QUOTE_CONTAINER || q == HTML_QUOTE_GMAIL) {
		f->quote_scope = true;
		f->depth_before = h->w.depth;
		f->absorb_before = h->absorb;
		if (q == HTML_QUOTE_GMAIL || !h->absorb) {
			h->w.depth++;
		}
		h->absorb = q == HTML_QUOTE_GMAIL;
	} else if (q == HTML_QUOTE_DIVIDER) {
		/* hr + div#divRplyFwdMsg with nothing between: one level */
		if (h->w.sb->len != h->divider_at) {
			h->w.depth++;
		}
		h->divider_at = h->w.sb->len;
		h->absorb = false;
	}
}

static void item_bullet(struct walk *h)
{
	struct frame *l = h->list >= 0 ? &h->frames[h->list] : NULL;

	if (l && l->ordered) {
		snprintf(h->w.bullet, BULLET_SIZE, "%u. ", ++l->items);
	} else {
		snprintf(h->w.bullet, BULLET_SIZE, "- ");
	}
}

static void layout_enter(struct walk *h, const xmlNode *n, struct frame *f)
{
	struct writer *w = &h->w;
	const char *cls;

	switch (f->kind) {
	case K_BR:
		hard_break(w);
		break;
	case K_PARA:
		/* Word's paragraphs (class Mso...) have no margins. */
		cls = n->properties ? mime_html_attr(n, "class") : NULL;
		if (cls && str_istartswith(cls, "mso")) {
			f->kind = K_BLOCK;
			soft_break(w);
		} else {
			para_break(w);
		}
		break;
	case K_LIST:
		f->list_before = h->list;
		f->ordered = !strcmp((const char *)n->name, "ol");
		h->list = (int)h->nframes; /* the frame about to be pushed */
		if (f->list_before >= 0) {
			soft_break(w);
		} else {
			para_break(w);
		}
		break;
	case K_ITEM:
		soft_break(w);
		item_bullet(h);
		break;
	case K_CELL:
		w->sep = w->pending == 0 && w->any ? '\t' : 0;
		break;
	case K_PRE:
		para_break(w);
		h->pre++;
		break;
	default:
		if (f->kind != K_INLINE) {
			soft_break(w);
		}
		break;
	}
}

/* Handles the start of n; true when its children are to be read. */
static bool enter(struct walk *h, const xmlNode *n, struct frame *f)
{
	memset(f, 0, sizeof(*f));
	f->list_before = -1;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content) {
			if (h->pre > 0) {
				text_pre(&h->w, n->content);
			} else {
				text_flow(&h->w, n->content);
			}
		}
		return false;
	}
	if (n->type != XML_ELEMENT_NODE || !n->name) {
		f->kind = K_SKIP;
		return false;
	}
	f->kind = kind_of((const char *)n->name);
	if (f->kind == K_SKIP || (n->properties && mime_html_hidden(n))) {
		f->kind = K_SKIP;
		return false;
	}
	quote_enter(h, n, f);
	layout_enter(h, n, f);
	return true;
}

static void leave(struct walk *h, const struct frame *f)
{
	struct writer *w = &h->w;

	switch (f->kind) {
	case K_PARA:
	case K_PRE:
		para_break(w);
		break;
	case K_LIST:
		h->list = f->list_before;
		if (f->list_before >= 0) {
			soft_break(w);
		} else {
			para_break(w);
		}
		break;
	case K_BLOCK:
	case K_ITEM:
	case K_ROW:
		soft_break(w);
		break;
	default:
		break;
	}
	h->pre -= f->kind == K_PRE;
	w->bullet[0] = f->kind == K_ITEM ? '\0' : w->bullet[0];
	if (f->quote_scope) {
		soft_break(w);
		w->depth = f->depth_before;
		h->absorb = f->absorb_before;
	}
}

static bool push(struct walk *h, const struct frame *f)
{
	if (h->nframes == FRAMES_MAX) {
		return false;
	}
	if (h->nframes == h->alloc) {
		h->alloc = h->alloc ? 2 * h->alloc : 64;
		h->frames = xrealloc(h->frames, h->alloc * sizeof(*f));
	}
	h->frames[h->nframes++] = *f;
	return true;
}

/* Walks the siblings starting at first and everything below them. */
static void walk_tree(struct walk *h, const xmlNode *first)
{
	const xmlNode *n = first;
	struct frame f;

	while (n) {
		if (enter(h, n, &f) && n->children && push(h, &f)) {
			n = n->children;
			continue;
		}
		leave(h, &f);
		while (n && !n->next) {
			n = n->parent;
			if (h->nframes == 0) {
				return;
			}
			leave(h, &h->frames[--h->nframes]);
		}
		n = n ? n->next : NULL;
	}
}

/* Whether [a, b) is only quote prefix ("> > ", ">"). */
static bool only_prefix(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		if (s[i] != '>' && s[i] != ' ') {
			return false;
		}
	}
	return true;
}

/* Drops trailing white space and empty quoted lines after start. */
static void trim_tail(struct sbuf *sb, size_t start)
{
	for (;;) {
		size_t line;

		while (sb->len > start &&
		       strchr(" \t\n", sb->buf[sb->len - 1])) {
			sb->len--;
		}
		line = sb->len;
		while (line > start && sb->buf[line - 1] != '\n') {
			line--;
		}
		if (line == sb->len || !only_prefix(sb->buf, line, sb->len)) {
			break;
		}
		sb->len = line;
	}
	if (sb->buf) {
		sb->buf[sb->len] = '\0';
	}
}

void mime_html_append(const char *html, size_t len, struct sbuf *out)
{
	struct sbuf tidy = SBUF_INIT(SIZE_MAX - 1);
	struct walk h;
	htmlDocPtr doc;
	size_t start = out->len;

	memset(&h, 0, sizeof(h));
	h.w.sb = out;
	h.list = -1;
	h.divider_at = (size_t)-1;
	if (len > MIME_HTML_MAX) {
		len = MIME_HTML_MAX;
	}
	if (out->len > 0 && out->buf[out->len - 1] != '\n') {
		sbuf_addch(out, '\n');
		start = out->len;
	}
	h.w.line_start = start;
	mime_html_tidy(html, len, &tidy);
	doc = htmlReadMemory(sbuf_str(&tidy), (int)tidy.len, NULL, "UTF-8",
			     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
				 HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
				 HTML_PARSE_IGNORE_ENC);
	if (doc) {
		walk_tree(&h, doc->children);
		xmlFreeDoc(doc);
	}
	trim_tail(out, start);
	if (out->len > start) {
		sbuf_addch(out, '\n');
	}
	free(h.frames);
	sbuf_release(&tidy);
}

char *mime_html_to_text(const char *html, size_t len)
{
	struct sbuf in = SBUF_INIT(SIZE_MAX - 1);
	struct sbuf out = SBUF_INIT(SIZE_MAX - 1);
	char *r;

	if (!html) {
		return xstrdup("");
	}
	text_utf8_append(&in, html, len, false);
	mime_text_clean(&in);
	mime_html_append(sbuf_str(&in), in.len, &out);
	r = text_nfc(sbuf_str(&out), out.len);
	sbuf_release(&in);
	sbuf_release(&out);
	return r;
}
