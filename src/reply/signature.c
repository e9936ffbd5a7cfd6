/* Signatures: the "-- " delimiter, the lines mobile and mail apps add
 * ("Sent from my iPhone", "Envoyé de mon iPad", "Von meinem iPhone
 * gesendet", "Gửi từ iPhone của tôi"), sign-offs ("Trân trọng,", "Best
 * regards,") and rule lines. */
#include <string.h>
#include <utf8proc.h>

#include "private.h"

/* A phone signature is a short line of its own. */
#define PHONE_MAX 100
/* "Sent from a magnificent torch of pixels": the English lead followed by
 * anything, in a line of at most this many words without a comma. */
#define PHONE_FREE_WORDS 8

/* How an app signs: a lead and, where the lead alone is an ordinary phrase
 * ("Von meinem Büro aus ..."), the word the line must end with. */
struct phone_form {
	const char *lead; /* folded */
	const char *end;  /* folded, or NULL */
};

/* clang-format off */
static const struct phone_form phone_forms[] = {
    {"sent from", NULL}, {"sent with", NULL}, {"sent via", NULL},
    {"sent using", NULL}, {"get outlook for", NULL},
    {"download outlook for", NULL},
    {"envoye de", NULL}, {"envoye depuis", NULL},
    {"envoye a partir de", NULL}, {"envoye avec", NULL},
    {"envoye via", NULL}, {"telecharger outlook pour", NULL},
    {"von meinem", "gesendet"}, {"von", "gesendet"},
    {"gesendet von", NULL}, {"gesendet vom", NULL}, {"gesendet mit", NULL},
    {"enviado desde", NULL}, {"enviado con", NULL}, {"enviado do", NULL},
    {"enviado de", NULL}, {"enviado pelo", NULL},
    {"obtener outlook para", NULL}, {"obter o outlook para", NULL},
    {"inviato da", NULL}, {"inviato dal", NULL}, {"inviato con", NULL},
    {"scarica outlook per", NULL},
    {"verzonden vanaf", NULL}, {"verzonden met", NULL},
    {"verstuurd vanaf", NULL}, {"verstuurd met", NULL},
    {"skickat fran", NULL}, {"skickades fran", NULL},
    {"sendt fra", NULL}, {"sendt med", NULL},
    {"wys\xc5\x82" "ane z", NULL}, {"wys\xc5\x82" "ano z", NULL},
    {"lahetetty", NULL}, {"odeslano z", NULL},
    {"\xd0\xbe\xd1\x82\xd0\xbf\xd1\x80\xd0\xb0\xd0\xb2\xd0\xbb\xd0\xb5"
     "\xd0\xbd\xd0\xbe \xd1\x81", NULL}, /* отправлено с */
    {"gui tu", NULL}, {"da gui tu", NULL}, {"duoc gui tu", NULL},
    {"gui bang", NULL}, {"duoc gui bang", NULL},
    {"tai outlook cho", NULL}, {"nhan outlook cho", NULL},
    {"lay outlook cho", NULL}, {"tai xuong outlook", NULL},
};

/* What the lead names: a device, a system or an app (folded). */
static const char *const phone_device[] = {
    "iphone", "ipad", "ios", "android", "samsung", "the samsung", "galaxy",
    "dien thoai", "di dong", "thiet bi", "may tinh bang", "smartphone",
    "mobile", "mobil", "movil", "yahoo", "outlook", "gmail",
    "mail for windows", "thu cho windows", "mail cho windows",
    "windows mail", "mailbox", "ung dung", "blackberry", "huawei",
    "xiaomi", "oppo", "vivo", "vsmart", "bphone", "zalo", "aol", "zoho",
    "proton", "sparrow", "spark", "airmail", "superhuman", "k-9", "typeapp",
    "bluemail", "edison", "newton", "telefono", "telefone", "handy",
    "smartfon", "appareil", "dispositivo", "apparaat",
};

/* Devices named with an inflection ("Lähetetty iPhonesta"). */
static const char *const device_stems[] = {"iphone", "ipad", "android"};

/* "Sent from my ...", "Envoyé de mon ...": skipped before the device. */
static const char *const possessives[] = {
    "my", "mon", "ma", "mi", "mein", "meinem", "meinen", "mijn", "min",
    "mitt", "mio", "mia", "meu", "minha", "mojego", "moim", "moje",
};

/* App signatures written with no lead word, whole lines (folded). */
static const char *const phone_lines[] = {
    "iphone\xe3\x81\x8b\xe3\x82\x89\xe9\x80\x81\xe4\xbf\xa1",
    "ipad\xe3\x81\x8b\xe3\x82\x89\xe9\x80\x81\xe4\xbf\xa1",
    "android\xe3\x81\x8b\xe3\x82\x89\xe9\x80\x81\xe4\xbf\xa1",
    "\xe5\x8f\x91\xe8\x87\xaa\xe6\x88\x91\xe7\x9a\x84iphone",
    "\xe5\x8f\x91\xe8\x87\xaa\xe6\x88\x91\xe7\x9a\x84ipad",
    "\xe4\xbb\x8e\xe6\x88\x91\xe7\x9a\x84iphone\xe5\x8f\x91\xe9\x80\x81",
    "\xe1\x84\x82\xe1\x85\xa1\xe1\x84\x8b\xe1\x85\xb4 iphone\xe1\x84\x8b\xe1\x85\xa6\xe1\x84\x89\xe1\x85\xa5 \xe1\x84\x87\xe1\x85\xa9\xe1\x84\x82\xe1\x85\xa2\xe1\x86\xb7",
    "iphone'umdan gonderildi",
    "trimis de pe iphone",
    "dikirim dari iphone saya",
    "\xd0\xbe\xd1\x82\xd0\xbf\xd1\x80\xd0\xb0\xd0\xb2\xd0\xbb\xd0\xb5\xd0\xbd\xd0\xbe \xd1\x81 \xd0\xbc\xd0\xbe\xd0\xb5\xd0\xb3\xd0\xbe iphone",
    "\xce\xb1\xcf\x80\xce\xbf\xcf\x83\xcf\x84\xce\xbf\xce\xbb\xce\xb7 \xce\xb1\xcf\x80\xce\xbf \xcf\x84\xce\xbf iphone \xce\xbc\xce\xbf\xcf\x85",
};

/* Sign-offs (folded, without their punctuation); "... regards" with up
 * to two words before it too ("Warm regards", "Best and kind regards"). */
static const char *const signoffs[] = {
    "tran trong", "tran trong cam on", "than", "than ai", "kinh thu",
    "than men",
    "regards", "best wishes", "cheers", "cordialement", "bien cordialement",
    "tres cordialement", "bien a vous", "salutations",
    "meilleures salutations", "bonne journee", "bonne soiree",
    "mit freundlichen grussen", "freundliche grusse", "viele grusse",
    "beste grusse", "liebe grusse", "herzliche grusse", "gruss", "mfg",
    "saludos", "saludos cordiales", "un saludo", "atentamente",
    "cordiali saluti", "distinti saluti", "saluti",
    "met vriendelijke groet", "met vriendelijke groeten",
    "vriendelijke groet", "hartelijke groet", "groeten", "pozdrawiam",
    "z powa\xc5\xbc" "aniem", "med vanlig halsning", "vanliga halsningar",
    "halsningar", "med venlig hilsen", "venlig hilsen", "vennlig hilsen",
    "med vennlig hilsen", "mvh", "ystavallisin terveisin", "terveisin",
    "atenciosamente", "cumprimentos", "abracos",
    "\xd1\x81 \xd1\x83\xd0\xb2\xd0\xb0\xd0\xb6\xd0\xb5\xd0\xbd\xd0\xb8"
    "\xd0\xb5\xd0\xbc", /* с уважением */
};
/* clang-format on */

/* How legal disclaimers start (folded). */
static const char *const disclaimer_leads[] = {
    "disclaimer",
    "confidentiality notice",
    "confidential notice",
    "important notice",
    "legal notice",
    "privileged and confidential",
    "this e-mail and any attachments",
    "this email and any attachments",
    "this e-mail and any files",
    "this email and any files",
    "this message and any attachments",
    "this e-mail is confidential",
    "this email is confidential",
    "this message is confidential",
    "the information contained in this e-mail",
    "the information contained in this email",
    "the information in this e-mail",
    "the information in this email",
    "canh bao bao mat",
    "luu y bao mat",
    "thong bao bao mat",
    "tuyen bo bao mat",
    "tuyen bo mien tru",
    "mien tru trach nhiem",
    "thu dien tu nay va cac tep",
    "thu dien tu nay co the chua",
    "thu nay va cac tep",
    "thong tin trong thu dien tu nay",
    "thong tin trong thu nay",
};

bool reply_is_disclaimer(const struct probe *p)
{
	for (size_t i = 0; i < ARRAY_SIZE(disclaimer_leads); i++) {
		if (text_fold_starts_word(p->head, p->head_len,
					  disclaimer_leads[i])) {
			return true;
		}
	}
	return false;
}

bool reply_is_sig_delimiter(const struct line *l)
{
	return l->len == 2 && l->s[0] == '-' && l->s[1] == '-';
}

/* Characters a rule line is drawn with besides ASCII "-_=*~+#": dashes,
 * box drawing, bullets and the "ᐧ" that mail trackers leave. */
static bool rule_cp(int32_t cp)
{
	return (cp >= 0x2010 && cp <= 0x2015) ||
	       (cp >= 0x2500 && cp <= 0x257f) || cp == 0x2022 || cp == 0x00b7 ||
	       cp == 0x1427 || cp == 0x2e3a || cp == 0x2e3b;
}

bool reply_is_rule(const struct line *l)
{
	size_t i = 0, marks = 0;
	bool wide = false;

	while (i < l->len) {
		int32_t cp = text_utf8_next(l->s, l->len, &i);

		if (cp == ' ' || cp == '\t') {
			continue;
		}
		if (cp > 0 && cp < 0x80 && strchr("-_=*~+#", (int)cp)) {
			marks++;
		} else if (cp >= 0x80 && rule_cp(cp)) {
			marks++;
			wide = true;
		} else {
			return false;
		}
	}
	return marks >= 2 || (marks == 1 && wide);
}

bool reply_is_footer_rule(const struct line *l)
{
	size_t i = 0, marks = 0;

	while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t')) {
		i++;
	}
	for (; i < l->len; i++) {
		if (l->s[i] != '_') {
			return false;
		}
		marks++;
	}
	return marks >= 2;
}

/* True when s[0..len) starts with one of the n words; *n_r gets its
 * length. */
static bool starts_with_any(const char *s, size_t len, const char *const *w,
			    size_t n, size_t *n_r)
{
	for (size_t i = 0; i < n; i++) {
		if (text_fold_starts_word(s, len, w[i])) {
			*n_r = strlen(w[i]);
			return true;
		}
	}
	return false;
}

static size_t count_words(const char *s)
{
	size_t n = 1;

	for (; *s; s++) {
		n += *s == ' ';
	}
	return n;
}

/* The first byte of the word that follows the first `words` words of
 * the original line (after its leading blanks, '*' and '-'); 0 when
 * there is none. */
static int32_t word_after(const struct line *l, size_t words)
{
	size_t i = 0;

	while (i < l->len && strchr(" \t*-", l->s[i])) {
		i++;
	}
	for (size_t w = 0; w < words; w++) {
		while (i < l->len && l->s[i] != ' ' && l->s[i] != '\t') {
			i++;
		}
		while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t')) {
			i++;
		}
	}
	return i < l->len ? text_utf8_next(l->s, l->len, &i) : 0;
}

/* What follows a lead names a device or an app: a known one, or a name
 * written with a capital or a digit ("Wiko RIDGE", "Mail for Windows"),
 * after an optional possessive ("my", "mon", "meinem"). */
static bool names_device(const struct line *l, const char *s, size_t len,
			 size_t lead_words)
{
	size_t n;
	int32_t cp;

	if (starts_with_any(s, len, possessives, ARRAY_SIZE(possessives), &n) &&
	    n < len) {
		s += n + 1;
		len -= n + 1;
		lead_words++;
	}
	if (starts_with_any(s, len, phone_device, ARRAY_SIZE(phone_device),
			    &n)) {
		return true;
	}
	for (size_t i = 0; i < ARRAY_SIZE(device_stems); i++) {
		n = strlen(device_stems[i]);
		if (len >= n && memcmp(s, device_stems[i], n) == 0) {
			return true;
		}
	}
	cp = word_after(l, lead_words);
	return (cp >= '0' && cp <= '9') || (cp > 0 && utf8proc_isupper(cp));
}

static bool ends_with_word(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);

	while (len > 0 && !text_fold_is_alnum(s[len - 1])) {
		len--;
	}
	return len >= n && memcmp(s + len - n, w, n) == 0 &&
	       (len == n || !text_fold_is_alnum(s[len - n - 1]));
}

static bool free_english(const char *s, size_t len)
{
	size_t words = 1;

	if (!text_fold_starts_word(s, len, "sent from") ||
	    memchr(s, ',', len)) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		words += s[i] == ' ' && i + 1 < len && s[i + 1] != ' ';
	}
	return words <= PHONE_FREE_WORDS;
}

bool reply_is_phone_signature(const struct line *l, const struct probe *p)
{
	const char *s = p->head;
	size_t len = p->head_len;

	if (!p->head_full || len > PHONE_MAX) {
		return false;
	}
	while (len > 0 && (*s == '-' || *s == ' ')) {
		s++;
		len--;
	}
	for (size_t i = 0; i < ARRAY_SIZE(phone_lines); i++) {
		size_t n = strlen(phone_lines[i]);

		if (len >= n && memcmp(s, phone_lines[i], n) == 0 &&
		    (len == n || !text_fold_is_alnum(s[n]))) {
			return true;
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(phone_forms); i++) {
		const struct phone_form *f = &phone_forms[i];
		size_t n = strlen(f->lead);

		if (!text_fold_starts_word(s, len, f->lead) || n >= len ||
		    (f->end && !ends_with_word(s, len, f->end))) {
			continue;
		}
		if (names_device(l, s + n + 1, len - n - 1,
				 count_words(f->lead))) {
			return true;
		}
	}
	return free_english(s, len);
}

bool reply_is_signoff(const struct probe *p)
{
	const char *s = p->head;
	size_t len = p->head_len, words = 0;

	if (!p->head_full) {
		return false;
	}
	while (len > 0 && !text_fold_is_alnum(s[len - 1])) {
		len--;
	}
	for (size_t i = 0; i < ARRAY_SIZE(signoffs); i++) {
		if (strlen(signoffs[i]) == len &&
		    memcmp(s, signoffs[i], len) == 0) {
			return true;
		}
	}
	/* "[word [word]] regards", and "Thanks & Best Regards", "Thanks and
	 * regards": an "&" or "and" between is no word of its own */
	if (!ends_with_word(s, len, "regards")) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '&' ||
		    (i + 4 <= len && memcmp(s + i, "and ", 4) == 0 &&
		     (i == 0 || s[i - 1] == ' '))) {
			i += s[i] == '&' ? 1 : 3; /* the space after it too */
			continue;
		}
		words += s[i] == ' ';
		if (!text_fold_is_alnum(s[i]) && s[i] != ' ') {
			return false;
		}
	}
	return words <= 2;
}
