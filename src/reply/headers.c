/* Where the history starts: separators ("-----Original Message-----",
 * "-------- Message d'origine --------", "---------- Forwarded message
 * ---------"), unquoted header blocks as Outlook and webmails write them
 * in many languages (From:/Sent:/To:/Subject:, Từ:/Đã gửi:/Đến:/Chủ đề:,
 * Von:/Gesendet:/An:/Betreff:, De :/Envoyé :/À :/Objet :, Från:/Skickat:,
 * Fra:/Sendt:, Od:/Wysłano:, ...), quote headers (attribution.c) and
 * signatures (signature.c). */
#include <string.h> /* memmem: _GNU_SOURCE comes from the Makefile */

#include "private.h"

/* A separator is a short line. */
#define SEPARATOR_MAX 120
/* Lines from the first field of a header block searched for the rest. */
#define HEADER_BLOCK_LINES 20
/* Lines inside a header block that are not fields (a wrapped To:). */
#define HEADER_BLOCK_OTHER 2

/* Between dashes: "-----Original Message-----". */
static const char *const separator_dashed[] = {
    "original message",
    "original",
    "reply message",
    "thu goc",
    "tin nhan goc",
    "message d'origine",
    "ursprungliche nachricht",
    "oprindelig besked",
    "opprinnelig melding",
    "ursprungligt meddelande",
    "alkuperainen viesti",
    "mensaje original",
    "mensagem original",
    "messaggio originale",
    "oorspronkelijk bericht",
    "origineel bericht",
    "wiadomosc oryginalna",
    "puvodni zprava",
    "puvodni e-mail",
    "\xe5\x8e\x9f\xe5\xa7\x8b\xe9\x82\xae\xe4\xbb\xb6",
    "\xe5\x85\x83\xe3\x81\xae\xe3\x83\xa1\xe3\x83\x83\xe3\x82\xbb\xe3\x83\xbc"
    "\xe3\x82\xb7",
    "orijinal mesaj",
    "mesaj original",
    "pesan asli",
    "\xce\xb1\xcf\x81\xcf\x87\xce\xb9\xce\xba\xce\xbf "
    "\xce\xbc\xce\xb7\xce\xbd\xcf\x85\xce\xbc\xce\xb1",
    "\xd0\xb8\xd1\x81\xd1\x85\xd0\xbe\xd0\xb4\xd0\xbd\xd0\xbe\xd0\xb5 "
    "\xd1\x81\xd0\xbe\xd0\xbe\xd0\xb1\xd1\x89\xd0\xb5\xd0\xbd\xd0\xb8"
    "\xd0\xb5", /* исходное сообщение */
};

/* A forwarded message, with or without dashes. */
static const char *const separator_forward[] = {
    "forwarded message",
    "begin forwarded message",
    "forwarded by",
    "thu chuyen tiep",
    "thu da chuyen tiep",
    "thu duoc chuyen tiep",
    "tin nhan chuyen tiep",
    "tin nhan da chuyen tiep",
    "tin nhan duoc chuyen tiep",
    "bat dau thu chuyen tiep",
    "bat dau thu duoc chuyen tiep",
    "bat dau tin nhan chuyen tiep",
    "message transfere",
    "debut du message reexpedie",
    "weitergeleitete nachricht",
    "mensaje reenviado",
    "mensagem encaminhada",
    "messaggio inoltrato",
    "doorgestuurd bericht",
    "videresendt melding",
    "videresendt besked",
    "vidarebefordrat meddelande",
    "wiadomosc przekazana",
    "valitettu viesti",
    "inicio da mensagem reencaminhada",
    "anfang der weitergeleiteten nachricht",
    "inizio messaggio inoltrato",
    "comienzo del mensaje reenviado",
    "begin doorgestuurd bericht",
    "iletilen mesaj",
    "mesaj redirectionat",
    "pesan yang diteruskan",
    "\xe8\xbd\xac\xe5\x8f\x91\xe7\x9a\x84\xe9\x82\xae\xe4\xbb\xb6",
    "\xe1\x84\x8c\xe1\x85\xa5\xe1\x86\xab\xe1\x84\x83\xe1\x85\xa1\xe1\x86\xaf"
    "\xe1\x84\x83\xe1\x85\xac\xe1\x86\xab "
    "\xe1\x84\x86\xe1\x85\xa6\xe1\x84\x89\xe1\x85\xb5\xe1\x84\x8c\xe1\x85\xb5",
    "\xd0\xbf\xd0\xb5\xd1\x80\xd0\xb5\xd1\x81\xd1\x8b\xd0\xbb\xd0\xb0"
    "\xd0\xb5\xd0\xbc\xd0\xbe\xd0\xb5 \xd1\x81\xd0\xbe\xd0\xbe\xd0\xb1"
    "\xd1\x89\xd0\xb5\xd0\xbd\xd0\xb8\xd0\xb5", /* пересылаемое сообщение */
};

enum field {
	FIELD_NONE = 0,
	FIELD_FROM = 1 << 0,
	FIELD_DATE = 1 << 1,
	FIELD_TO = 1 << 2,
	FIELD_CC = 1 << 3,
	FIELD_SUBJECT = 1 << 4,
};

struct field_name {
	const char *name; /* folded */
	enum field field;
};

/* The names clients give the fields of a quoted header block. */
static const struct field_name field_names[] = {
    {"from", FIELD_FROM},
    {"tu", FIELD_FROM},
    {"nguoi gui", FIELD_FROM},
    {"von", FIELD_FROM},
    {"de", FIELD_FROM},
    {"van", FIELD_FROM},
    {"da", FIELD_FROM},
    {"od", FIELD_FROM},
    {"fra", FIELD_FROM},
    {"fran", FIELD_FROM},
    {"lahettaja", FIELD_FROM},
    {"expediteur", FIELD_FROM},
    {"remitente", FIELD_FROM},
    {"mittente", FIELD_FROM},
    {"afzender", FIELD_FROM},
    {"nadawca", FIELD_FROM},
    {"felado", FIELD_FROM},
    {"\xd0\xbe\xd1\x82", FIELD_FROM}, /* от */
    {"sent", FIELD_DATE},
    {"date", FIELD_DATE},
    {"datum", FIELD_DATE},
    {"data", FIELD_DATE},
    {"dato", FIELD_DATE},
    {"fecha", FIELD_DATE},
    {"envoye", FIELD_DATE},
    {"envoye le", FIELD_DATE},
    {"message du", FIELD_DATE},
    {"gesendet", FIELD_DATE},
    {"verzonden", FIELD_DATE},
    {"inviato", FIELD_DATE},
    {"enviado", FIELD_DATE},
    {"enviada", FIELD_DATE},
    {"wys\xc5\x82"
     "ano",
     FIELD_DATE},
    {"wys\xc5\x82"
     "ane",
     FIELD_DATE},
    {"skickat", FIELD_DATE},
    {"sendt", FIELD_DATE},
    {"lahetetty", FIELD_DATE},
    {"paivamaara", FIELD_DATE},
    {"odeslano", FIELD_DATE},
    {"elkuldve", FIELD_DATE},
    {"\xd0\xbe\xd1\x82\xd0\xbf\xd1\x80\xd0\xb0\xd0\xb2\xd0\xbb\xd0\xb5"
     "\xd0\xbd\xd0\xbe",
     FIELD_DATE},                                     /* отправлено */
    {"\xd0\xb4\xd0\xb0\xd1\x82\xd0\xb0", FIELD_DATE}, /* дата */
    {"da gui", FIELD_DATE},
    {"gui", FIELD_DATE},
    {"ngay", FIELD_DATE},
    {"ngay gui", FIELD_DATE},
    {"thoi gian", FIELD_DATE},
    {"importance", FIELD_DATE},
    {"to", FIELD_TO},
    {"an", FIELD_TO},
    {"a", FIELD_TO},
    {"aan", FIELD_TO},
    {"para", FIELD_TO},
    {"do", FIELD_TO},
    {"till", FIELD_TO},
    {"til", FIELD_TO},
    {"vastaanottaja", FIELD_TO},
    {"destinataire", FIELD_TO},
    {"cimzett", FIELD_TO},
    {"komu", FIELD_TO},
    {"\xd0\xba\xd0\xbe\xd0\xbc\xd1\x83", FIELD_TO}, /* кому */
    {"reply-to", FIELD_TO},
    {"den", FIELD_TO},
    {"toi", FIELD_TO},
    {"gui toi", FIELD_TO},
    {"gui den", FIELD_TO},
    {"nguoi nhan", FIELD_TO},
    {"cc", FIELD_CC},
    {"bcc", FIELD_CC},
    {"cci", FIELD_CC},
    {"cco", FIELD_CC},
    {"kopie", FIELD_CC},
    {"copie", FIELD_CC},
    {"copie a", FIELD_CC},
    {"copia", FIELD_CC},
    {"kopia", FIELD_CC},
    {"kopio", FIELD_CC},
    {"\xd0\xba\xd0\xbe\xd0\xbf\xd0\xb8\xd1\x8f", FIELD_CC}, /* копия */
    {"subject", FIELD_SUBJECT},
    {"betreff", FIELD_SUBJECT},
    {"objet", FIELD_SUBJECT},
    {"sujet", FIELD_SUBJECT},
    {"onderwerp", FIELD_SUBJECT},
    {"oggetto", FIELD_SUBJECT},
    {"asunto", FIELD_SUBJECT},
    {"assunto", FIELD_SUBJECT},
    {"temat", FIELD_SUBJECT},
    {"amne", FIELD_SUBJECT},
    {"emne", FIELD_SUBJECT},
    {"aihe", FIELD_SUBJECT},
    {"predmet", FIELD_SUBJECT},
    {"targy", FIELD_SUBJECT},
    {"\xd1\x82\xd0\xb5\xd0\xbc\xd0\xb0", FIELD_SUBJECT}, /* тема */
    {"chu de", FIELD_SUBJECT},
    {"tieu de", FIELD_SUBJECT},
    /* Turkish, Romanian, Indonesian, Japanese, Chinese, Korean, Greek,
     * Ukrainian */
    {"kimden", FIELD_FROM},
    {"de la", FIELD_FROM},
    {"dari", FIELD_FROM},
    {"\xe5\xb7\xae\xe5\x87\xba\xe4\xba\xba", FIELD_FROM},
    {"\xe5\x8f\x91\xe4\xbb\xb6\xe4\xba\xba", FIELD_FROM},
    {"\xe5\xaf\x84\xe4\xbb\xb6\xe8\x80\x85", FIELD_FROM},
    {"\xe1\x84\x87\xe1\x85\xa9\xe1\x84\x82\xe1\x85\xa2\xe1\x86\xab "
     "\xe1\x84\x89\xe1\x85\xa1\xe1\x84\x85\xe1\x85\xa1\xe1\x86\xb7",
     FIELD_FROM},
    {"\xce\xb1\xcf\x80\xce\xbf", FIELD_FROM},
    {"\xd0\xb2\xd1\x96\xd0\xb4", FIELD_FROM},
    {"gonderildi", FIELD_DATE},
    {"gonderilme", FIELD_DATE},
    {"trimis", FIELD_DATE},
    {"data trimiterii", FIELD_DATE},
    {"dikirim", FIELD_DATE},
    {"tanggal", FIELD_DATE},
    {"\xe9\x80\x81\xe4\xbf\xa1\xe6\x97\xa5\xe6\x99\x82", FIELD_DATE},
    {"\xe5\x8f\x91\xe9\x80\x81\xe6\x97\xb6\xe9\x97\xb4", FIELD_DATE},
    {"\xe5\xaf\x84\xe4\xbb\xb6\xe6\x97\xa5\xe6\x9c\x9f", FIELD_DATE},
    {"\xe1\x84\x87\xe1\x85\xa9\xe1\x84\x82\xe1\x85\xa2\xe1\x86\xab "
     "\xe1\x84\x82\xe1\x85\xa1\xe1\x86\xaf\xe1\x84\x8d\xe1\x85\xa1",
     FIELD_DATE},
    {"\xcf\x83\xcf\x84\xce\xb1\xce\xbb\xce\xb8\xce\xb7\xce\xba\xce\xb5",
     FIELD_DATE},
    {"\xce\xb7\xce\xbc\xce\xb5\xcf\x81\xce\xbf\xce\xbc\xce\xb7\xce\xbd\xce\xb9"
     "\xce\xb1",
     FIELD_DATE},
    {"\xd0\xbd\xd0\xb0\xd0\xb4\xd1\x96\xd1\x81\xd0\xbb\xd0\xb0\xd0\xbd\xd0\xbe",
     FIELD_DATE},
    {"kime", FIELD_TO},
    {"catre", FIELD_TO},
    {"kepada", FIELD_TO},
    {"\xe5\xae\x9b\xe5\x85\x88", FIELD_TO},
    {"\xe6\x94\xb6\xe4\xbb\xb6\xe4\xba\xba", FIELD_TO},
    {"\xe1\x84\x87\xe1\x85\xa1\xe1\x86\xae\xe1\x84\x82\xe1\x85\xb3\xe1\x86\xab "
     "\xe1\x84\x89\xe1\x85\xa1\xe1\x84\x85\xe1\x85\xa1\xe1\x86\xb7",
     FIELD_TO},
    {"\xcf\x80\xcf\x81\xce\xbf\xcf\x82", FIELD_TO},
    {"bilgi", FIELD_CC},
    {"tembusan", FIELD_CC},
    {"\xe6\x8a\x84\xe9\x80\x81", FIELD_CC},
    {"\xe1\x84\x8e\xe1\x85\xa1\xe1\x86\xb7\xe1\x84\x8c\xe1\x85\xa9", FIELD_CC},
    {"\xce\xba\xce\xbf\xce\xb9\xce\xbd", FIELD_CC},
    {"konu", FIELD_SUBJECT},
    {"subiect", FIELD_SUBJECT},
    {"perihal", FIELD_SUBJECT},
    {"subjek", FIELD_SUBJECT},
    {"\xe4\xbb\xb6\xe5\x90\x8d", FIELD_SUBJECT},
    {"\xe4\xb8\xbb\xe9\xa2\x98", FIELD_SUBJECT},
    {"\xe4\xb8\xbb\xe6\x97\xa8", FIELD_SUBJECT},
    {"\xe1\x84\x8c\xe1\x85\xa6\xe1\x84\x86\xe1\x85\xa9\xe1\x86\xa8",
     FIELD_SUBJECT},
    {"\xce\xb8\xce\xb5\xce\xbc\xce\xb1", FIELD_SUBJECT},
};

/* Subjects of forwarded mail ("Fwd: ...", "TR: ...", "WG: ..."). */
static const char *const forward_prefixes[] = {
    "fw", "fwd", "tr", "wg",     "rv",  "enc",         "vs",
    "vb", "i",   "pd", "doorst", "trs", "chuyen tiep",
};

static bool in_list(const char *s, size_t len, const char *const *list,
		    size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strlen(list[i]) == len && memcmp(s, list[i], len) == 0) {
			return true;
		}
	}
	return false;
}

enum mark reply_separator(const struct probe *p)
{
	const char *s = p->head;
	size_t len = p->head_len, dashes = 0;

	if (!p->head_full || len > SEPARATOR_MAX) {
		return MARK_NONE;
	}
	for (; len > 0 && strchr("-_=* ", *s); s++, len--) {
		dashes += *s == '-' || *s == '_';
	}
	while (len > 0 && strchr("-_=* :", s[len - 1])) {
		len--;
	}
	if (in_list(s, len, separator_forward, ARRAY_SIZE(separator_forward))) {
		return MARK_FORWARD;
	}
	return dashes >= 2 && in_list(s, len, separator_dashed,
				      ARRAY_SIZE(separator_dashed))
		   ? MARK_HISTORY
		   : MARK_NONE;
}

/* Which field the line names ("*From:*", "Envoyé le :", "Von: ...");
 * *value_r gets the folded position after the colon. */
static enum field field_of(const struct probe *p, size_t *value_r)
{
	const char *colon = memchr(p->head, ':', p->head_len);
	size_t k;

	if (!colon) {
		return FIELD_NONE;
	}
	k = (size_t)(colon - p->head);
	*value_r = k + 1;
	while (k > 0 && (p->head[k - 1] == ' ' || p->head[k - 1] == '*')) {
		k--;
	}
	for (size_t i = 0; i < ARRAY_SIZE(field_names); i++) {
		if (strlen(field_names[i].name) == k &&
		    memcmp(p->head, field_names[i].name, k) == 0) {
			return field_names[i].field;
		}
	}
	return FIELD_NONE;
}

bool reply_is_header_field(const struct probe *p)
{
	size_t v;

	return field_of(p, &v) != FIELD_NONE;
}

/* "Fwd: ...", "TR : ...": the subject value at head[v..] names a
 * forward. */
static bool forward_subject(const struct probe *p, size_t v)
{
	const char *s = p->head + v;
	size_t len = p->head_len - v, w;

	while (len > 0 && (*s == ' ' || *s == '*')) {
		s++;
		len--;
	}
	for (w = 0; w < len && s[w] != ':'; w++) {
	}
	while (w > 0 && s[w - 1] == ' ') {
		w--;
	}
	return w < len &&
	       in_list(s, w, forward_prefixes, ARRAY_SIZE(forward_prefixes));
}

/* A header block from line i: fields, at most HEADER_BLOCK_OTHER other
 * lines among them and single blank lines between fields, holding a
 * sender, a subject and at least one more field.  MARK_FORWARD when the
 * subject is a forward's. */
enum mark reply_header_block(const struct lines *ls, size_t i,
			     const struct probe *p)
{
	unsigned seen = 0, count = 0, other = 0;
	bool forward = false;
	size_t v;

	if (field_of(p, &v) == FIELD_NONE) {
		return MARK_NONE;
	}
	for (size_t j = i; j < ls->n && j < i + HEADER_BLOCK_LINES; j++) {
		struct probe q;
		enum field f;

		if (ls->v[j].kind == LINE_BLANK) {
			if (j + 1 >= ls->n || ls->v[j + 1].kind != LINE_TEXT) {
				break;
			}
			continue;
		}
		if (ls->v[j].kind != LINE_TEXT) {
			break;
		}
		reply_probe_head(&ls->v[j], &q);
		f = field_of(&q, &v);
		if (f == FIELD_NONE && ++other > HEADER_BLOCK_OTHER) {
			break;
		}
		if (f == FIELD_SUBJECT) {
			forward = forward || forward_subject(&q, v);
		}
		seen |= f;
		count += f != FIELD_NONE;
		if ((seen & FIELD_FROM) && (seen & FIELD_SUBJECT) &&
		    count >= 3) {
			return forward ? MARK_FORWARD : MARK_HISTORY;
		}
	}
	return MARK_NONE;
}

/* The first line at or after j that is not blank is quoted. */
static bool quote_follows(const struct lines *ls, size_t j)
{
	while (j < ls->n && ls->v[j].kind == LINE_BLANK) {
		j++;
	}
	return j < ls->n && ls->v[j].kind == LINE_QUOTED;
}

/* mailx and s-nail quote with a tab by default (indentprefix): the
 * lines from j on that start with one, and the blank lines between
 * them.  Returns the line after them, or j when the first line that is
 * not blank does not start with a tab. */
static size_t tab_quote_end(const struct lines *ls, size_t j)
{
	size_t end = j;

	for (size_t k = j; k < ls->n; k++) {
		const struct line *l = &ls->v[k];

		if (l->kind == LINE_BLANK) {
			continue;
		}
		if (l->kind != LINE_TEXT || l->s[0] != '\t') {
			break;
		}
		end = k + 1;
	}
	return end;
}

enum mark reply_marks_classify(const struct lines *ls, size_t i, size_t *n_r)
{
	const struct line *l = &ls->v[i];
	struct attribution a;
	struct probe p;
	enum mark m;

	if (reply_is_sig_delimiter(l)) {
		return MARK_SIGNATURE;
	}
	reply_probe_head(l, &p);
	if (reply_is_phone_signature(l, &p)) {
		return MARK_SIGNATURE;
	}
	m = reply_separator(&p);
	if (m == MARK_NONE) {
		m = reply_header_block(ls, i, &p);
	}
	if (m != MARK_NONE) {
		return m;
	}
	reply_attribution_at(ls, i, &p, &a);
	if (a.n == 0) {
		return reply_merged_attribution(l, &p) ? MARK_HISTORY
						       : MARK_NONE;
	}
	if (quote_follows(ls, i + a.n)) {
		*n_r = a.n;
		return MARK_DROP;
	}
	if (tab_quote_end(ls, i + a.n) > i + a.n) {
		*n_r = tab_quote_end(ls, i + a.n) - i;
		return MARK_DROP;
	}
	return a.known ? MARK_HISTORY : MARK_NONE;
}
