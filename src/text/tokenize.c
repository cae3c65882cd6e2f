/* tokenize.c — tokeniser and sentence splitter for raw news text.
 *
 * One left-to-right pass over the bytes: ASCII is classified by a table, and
 * utf8proc is consulted only for bytes >= 0x80. The splitter is a second
 * linear pass over the tokens. Nothing recurses and nothing backtracks more
 * than a few bytes, so the cost is linear in the input. */
#include <stdlib.h>

#include "text/fold.h"
#include "text/text.h"

enum { TX_SP = 1, TX_AL = 2, TX_DG = 4, TX_UP = 8, TX_PU = 16, TX_HI = 32 };

/* Byte classes for ASCII; bytes >= 0x80 are TX_HI and decoded. */
static const uint8_t tx_class[256] = {
    ['\t'] = TX_SP, ['\n'] = TX_SP, ['\v'] = TX_SP, ['\f'] = TX_SP, ['\r'] = TX_SP, [' '] = TX_SP,
    ['0'] = TX_DG, ['1'] = TX_DG, ['2'] = TX_DG, ['3'] = TX_DG, ['4'] = TX_DG,
    ['5'] = TX_DG, ['6'] = TX_DG, ['7'] = TX_DG, ['8'] = TX_DG, ['9'] = TX_DG,
    ['a'] = TX_AL, ['b'] = TX_AL, ['c'] = TX_AL, ['d'] = TX_AL, ['e'] = TX_AL, ['f'] = TX_AL,
    ['g'] = TX_AL, ['h'] = TX_AL, ['i'] = TX_AL, ['j'] = TX_AL, ['k'] = TX_AL, ['l'] = TX_AL,
    ['m'] = TX_AL, ['n'] = TX_AL, ['o'] = TX_AL, ['p'] = TX_AL, ['q'] = TX_AL, ['r'] = TX_AL,
    ['s'] = TX_AL, ['t'] = TX_AL, ['u'] = TX_AL, ['v'] = TX_AL, ['w'] = TX_AL, ['x'] = TX_AL,
    ['y'] = TX_AL, ['z'] = TX_AL,
    ['A'] = TX_AL | TX_UP, ['B'] = TX_AL | TX_UP, ['C'] = TX_AL | TX_UP, ['D'] = TX_AL | TX_UP,
    ['E'] = TX_AL | TX_UP, ['F'] = TX_AL | TX_UP, ['G'] = TX_AL | TX_UP, ['H'] = TX_AL | TX_UP,
    ['I'] = TX_AL | TX_UP, ['J'] = TX_AL | TX_UP, ['K'] = TX_AL | TX_UP, ['L'] = TX_AL | TX_UP,
    ['M'] = TX_AL | TX_UP, ['N'] = TX_AL | TX_UP, ['O'] = TX_AL | TX_UP, ['P'] = TX_AL | TX_UP,
    ['Q'] = TX_AL | TX_UP, ['R'] = TX_AL | TX_UP, ['S'] = TX_AL | TX_UP, ['T'] = TX_AL | TX_UP,
    ['U'] = TX_AL | TX_UP, ['V'] = TX_AL | TX_UP, ['W'] = TX_AL | TX_UP, ['X'] = TX_AL | TX_UP,
    ['Y'] = TX_AL | TX_UP, ['Z'] = TX_AL | TX_UP,
    ['!'] = TX_PU, ['"'] = TX_PU, ['#'] = TX_PU, ['$'] = TX_PU, ['%'] = TX_PU, ['&'] = TX_PU,
    ['\''] = TX_PU, ['('] = TX_PU, [')'] = TX_PU, ['*'] = TX_PU, ['+'] = TX_PU, [','] = TX_PU,
    ['-'] = TX_PU, ['.'] = TX_PU, ['/'] = TX_PU, [':'] = TX_PU, [';'] = TX_PU, ['<'] = TX_PU,
    ['='] = TX_PU, ['>'] = TX_PU, ['?'] = TX_PU, ['@'] = TX_PU, ['['] = TX_PU, ['\\'] = TX_PU,
    [']'] = TX_PU, ['^'] = TX_PU, ['_'] = TX_PU, ['`'] = TX_PU, ['{'] = TX_PU, ['|'] = TX_PU,
    ['}'] = TX_PU, ['~'] = TX_PU,
    [0x80] = TX_HI, [0x81] = TX_HI, [0x82] = TX_HI, [0x83] = TX_HI, [0x84] = TX_HI, [0x85] = TX_HI,
    [0x86] = TX_HI, [0x87] = TX_HI, [0x88] = TX_HI, [0x89] = TX_HI, [0x8A] = TX_HI, [0x8B] = TX_HI,
    [0x8C] = TX_HI, [0x8D] = TX_HI, [0x8E] = TX_HI, [0x8F] = TX_HI, [0x90] = TX_HI, [0x91] = TX_HI,
    [0x92] = TX_HI, [0x93] = TX_HI, [0x94] = TX_HI, [0x95] = TX_HI, [0x96] = TX_HI, [0x97] = TX_HI,
    [0x98] = TX_HI, [0x99] = TX_HI, [0x9A] = TX_HI, [0x9B] = TX_HI, [0x9C] = TX_HI, [0x9D] = TX_HI,
    [0x9E] = TX_HI, [0x9F] = TX_HI, [0xA0] = TX_HI, [0xA1] = TX_HI, [0xA2] = TX_HI, [0xA3] = TX_HI,
    [0xA4] = TX_HI, [0xA5] = TX_HI, [0xA6] = TX_HI, [0xA7] = TX_HI, [0xA8] = TX_HI, [0xA9] = TX_HI,
    [0xAA] = TX_HI, [0xAB] = TX_HI, [0xAC] = TX_HI, [0xAD] = TX_HI, [0xAE] = TX_HI, [0xAF] = TX_HI,
    [0xB0] = TX_HI, [0xB1] = TX_HI, [0xB2] = TX_HI, [0xB3] = TX_HI, [0xB4] = TX_HI, [0xB5] = TX_HI,
    [0xB6] = TX_HI, [0xB7] = TX_HI, [0xB8] = TX_HI, [0xB9] = TX_HI, [0xBA] = TX_HI, [0xBB] = TX_HI,
    [0xBC] = TX_HI, [0xBD] = TX_HI, [0xBE] = TX_HI, [0xBF] = TX_HI, [0xC0] = TX_HI, [0xC1] = TX_HI,
    [0xC2] = TX_HI, [0xC3] = TX_HI, [0xC4] = TX_HI, [0xC5] = TX_HI, [0xC6] = TX_HI, [0xC7] = TX_HI,
    [0xC8] = TX_HI, [0xC9] = TX_HI, [0xCA] = TX_HI, [0xCB] = TX_HI, [0xCC] = TX_HI, [0xCD] = TX_HI,
    [0xCE] = TX_HI, [0xCF] = TX_HI, [0xD0] = TX_HI, [0xD1] = TX_HI, [0xD2] = TX_HI, [0xD3] = TX_HI,
    [0xD4] = TX_HI, [0xD5] = TX_HI, [0xD6] = TX_HI, [0xD7] = TX_HI, [0xD8] = TX_HI, [0xD9] = TX_HI,
    [0xDA] = TX_HI, [0xDB] = TX_HI, [0xDC] = TX_HI, [0xDD] = TX_HI, [0xDE] = TX_HI, [0xDF] = TX_HI,
    [0xE0] = TX_HI, [0xE1] = TX_HI, [0xE2] = TX_HI, [0xE3] = TX_HI, [0xE4] = TX_HI, [0xE5] = TX_HI,
    [0xE6] = TX_HI, [0xE7] = TX_HI, [0xE8] = TX_HI, [0xE9] = TX_HI, [0xEA] = TX_HI, [0xEB] = TX_HI,
    [0xEC] = TX_HI, [0xED] = TX_HI, [0xEE] = TX_HI, [0xEF] = TX_HI, [0xF0] = TX_HI, [0xF1] = TX_HI,
    [0xF2] = TX_HI, [0xF3] = TX_HI, [0xF4] = TX_HI, [0xF5] = TX_HI, [0xF6] = TX_HI, [0xF7] = TX_HI,
    [0xF8] = TX_HI, [0xF9] = TX_HI, [0xFA] = TX_HI, [0xFB] = TX_HI, [0xFC] = TX_HI, [0xFD] = TX_HI,
    [0xFE] = TX_HI, [0xFF] = TX_HI,
};

/* Token flags used by the splitter. */
enum {
    TF_PARA = 1,   /* a blank line precedes the token */
    TF_SPACE = 2,  /* white space precedes the token */
    TF_PUNCT = 4,
    TF_ABBR = 8,   /* word with its abbreviation full stop ("Mr.", "U.S.", "J.") */
    TF_ACRO = 16,  /* dotted acronym ("U.S."): may also end a sentence */
    TF_HIASCII = 32 /* contains bytes >= 0x80 */
};

typedef struct tx_tok {
    uint32_t start, end;
    uint8_t flags;
} tx_tok;

typedef struct tx_vec {
    tx_tok *p;
    size_t n, cap;
} tx_vec;

/* A control character that TABARI keeps inside its word: any below 0x20
 * that is not white space, and DEL. NUL is never one (strings end there). */
static bool tx_ctrl(unsigned char c)
{
    return (c != 0 && c < 0x20 && !(tx_class[c] & TX_SP)) || c == 0x7F;
}

/* Kinds of code point as the tokeniser sees them. */
enum { TK_SPACE, TK_WORD, TK_PUNCT, TK_APOS };

static int tx_kind_cp(int32_t cp)
{
    if (cp == 0x2019 || cp == 0x2018)
        return TK_APOS;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return TK_SPACE;
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_CO:
        return TK_WORD;
    case UTF8PROC_CATEGORY_CC:
        return TK_SPACE;
    case UTF8PROC_CATEGORY_CF:
        /* Zero-width spaces and byte-order marks separate; soft hyphens and joiners do not. */
        return (cp == 0x200B || cp == 0xFEFF || cp == 0x2060) ? TK_SPACE : TK_WORD;
    default:
        return TK_PUNCT;
    }
}

/* Decode at s[i]; invalid bytes count as one U+FFFD (a word character). */
static int tx_kind_at(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    unsigned char c = s[i];
    if (c < 0x80) {
        *len = 1;
        uint8_t k = tx_class[c];
        if (k & TX_SP)
            return TK_SPACE;
        if (k & (TX_AL | TX_DG))
            return TK_WORD;
        if (c == '\'')
            return TK_APOS;
        return c < 0x20 || c == 0x7F ? TK_SPACE : TK_PUNCT;
    }
    int32_t cp;
    size_t k = dy_utf8_decode(s + i, n - i, &cp);
    if (!k) {
        *len = 1;
        return TK_WORD;
    }
    *len = k;
    return tx_kind_cp(cp);
}

static bool tx_is_word(const unsigned char *s, size_t n, size_t i)
{
    if (i >= n)
        return false;
    if (s[i] < 0x80)
        return (tx_class[s[i]] & (TX_AL | TX_DG)) != 0;
    size_t l;
    return tx_kind_at(s, n, i, &l) == TK_WORD;
}

static bool tx_is_apos(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    if (i < n && s[i] == '\'') {
        *len = 1;
        return true;
    }
    /* U+2019 RIGHT SINGLE QUOTATION MARK: E2 80 99 */
    if (i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x99) {
        *len = 3;
        return true;
    }
    return false;
}

/* Abbreviations that keep their full stop. Capitalised ones only ("Gen.",
 * not "gen."), except a few written in lower case. Returns 0 when s is
 * none, 1 for a title or the like (never ends a sentence), 2 for one that may
 * end a sentence ("etc."). */
static int tx_abbr(const unsigned char *s, size_t n)
{
    static const char *const title[] = {
        "MR", "MRS", "MS", "DR", "PROF", "GEN", "COL", "LT", "SGT", "CAPT", "MAJ", "ADM", "CMDR",
        "GOV", "SEN", "REP", "REV", "ST", "JR", "SR", "CO", "CORP", "INC", "LTD", "BROS", "VS",
        "JAN", "FEB", "MAR", "APR", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC",
        "NO", "MT", "FT", "PRES", "SEC", "CPL", "PVT", "HON", "AVE", "DEPT", "UNIV", "ASSN",
        "FIG", "GENS", "REPS", "SENS", "AMB", "SUPT", "INSP", "DET", "BRIG", "LIEUT", "MESSRS",
        "MME", "MLLE", "GOVS", "ARIZ", "CALIF", "MASS", "PA", "WASH"};
    static const char *const lower[] = {"VS", "CF", "AL", "APPROX", "ETC"};
    if (n == 0 || n > 6 || s[0] >= 0x80)
        return 0;
    char up[8];
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 0x80)
            return 0;
        up[i] = (char)((s[i] >= 'a' && s[i] <= 'z') ? s[i] - 32 : s[i]);
    }
    if (n == 3 && !memcmp(up, "ETC", 3))
        return 2;
    bool cap = (tx_class[s[0]] & TX_UP) != 0;
    for (size_t k = 0; cap && k < sizeof title / sizeof title[0]; k++)
        if (title[k][0] == up[0] && strlen(title[k]) == n && memcmp(title[k], up, n) == 0)
            return 1;
    for (size_t k = 0; !cap && k < sizeof lower / sizeof lower[0]; k++)
        if (strlen(lower[k]) == n && memcmp(lower[k], up, n) == 0)
            return 1;
    return 0;
}

static bool tx_push(tx_vec *v, uint32_t start, uint32_t end, uint8_t flags)
{
    tx_tok t = {start, end, flags};
    return DY_VEC_PUSH(v->p, v->n, v->cap, t);
}

/* Scan a word starting at i; returns its end and sets *flags. With glue,
 * control characters are part of the word (tx_ctrl). */
static size_t tx_word(const unsigned char *s, size_t n, size_t i, bool glue, uint8_t *flags)
{
    size_t start = i, seg = i; /* seg: start of the current dot-separated segment */
    bool hi = false, dotted = false;
    for (;;) {
        /* Fast path: ASCII letters and digits. */
        while (i < n && ((tx_class[s[i]] & (TX_AL | TX_DG)) || (glue && tx_ctrl(s[i]))))
            i++;
        if (i < n && s[i] >= 0x80) {
            size_t l;
            if (tx_kind_at(s, n, i, &l) == TK_WORD) {
                hi = true;
                i += l;
                continue;
            }
        }
        if (i >= n)
            break;
        unsigned char c = s[i];
        size_t al;
        if (c == '.' && i > start && tx_is_word(s, n, i + 1)) {
            bool digits = (tx_class[s[i - 1]] & TX_DG) && (tx_class[s[i + 1]] & TX_DG);
            bool abbr = i - seg <= 2 && (tx_class[s[i - 1]] & TX_AL) && (tx_class[s[i + 1]] & TX_AL) &&
                        (i + 2 >= n || !(tx_class[s[i + 2]] & (TX_AL | TX_DG)) || s[i + 2] == '.');
            if (digits || abbr) {
                dotted = dotted || abbr;
                i++;
                seg = i;
                continue;
            }
            break;
        }
        if (c == ',' && i > start && (tx_class[s[i - 1]] & TX_DG) && i + 1 < n && (tx_class[s[i + 1]] & TX_DG)) {
            i++;
            continue;
        }
        if ((c == '-' || c == '/' || c == '&') && i > start && tx_is_word(s, n, i + 1) &&
            (c == '-' || (tx_class[s[i - 1]] & TX_UP))) {
            i++;
            seg = i;
            continue;
        }
        if ((c == '\'' || c == 0xE2) && tx_is_apos(s, n, i, &al) && i > start) {
            size_t j = i + al;
            bool nxt_s = j < n && (s[j] == 's' || s[j] == 'S') && !tx_is_word(s, n, j + 1);
            if (nxt_s)
                break; /* possessive: "'s" is its own token */
            if (j < n && (s[j] == 't' || s[j] == 'T') && !tx_is_word(s, n, j + 1) && i - start >= 2 &&
                (s[i - 1] == 'n' || s[i - 1] == 'N')) {
                i--; /* "don't" -> "do" "n't" */
                break;
            }
            if (tx_is_word(s, n, j)) {
                hi = hi || al > 1; /* "n’t", "O’Brien": the ’ must be folded to ' */
                i = j;
                continue;
            }
            break;
        }
        break;
    }
    uint8_t f = hi ? TF_HIASCII : 0;
    /* A trailing full stop belongs to initials, dotted acronyms and titles. */
    if (i < n && s[i] == '.' && !(i + 1 < n && s[i + 1] == '.')) {
        size_t len = i - start;
        bool initial = len == 1 && (tx_class[s[start]] & TX_UP);
        if (dotted) {
            f |= TF_ABBR | TF_ACRO;
            i++;
        } else if (initial) {
            f |= TF_ABBR;
            i++;
        } else {
            int k = tx_abbr(s + start, len);
            if (k) {
                f |= TF_ABBR | (k == 2 ? TF_ACRO : 0);
                i++;
            }
        }
    }
    *flags = f;
    return i;
}

/* Tokenise s[0..n) into v; glue as in tx_word. Returns false on out-of-memory. */
static bool tx_scan(const unsigned char *s, size_t n, bool glue, tx_vec *v)
{
    size_t i = 0;
    /* News text averages over five bytes a token: one allocation usually suffices. */
    if (v->cap < n / 4 + 16 && !dy_grow((void **)&v->p, &v->cap, n / 4 + 16, sizeof *v->p))
        return false;
    unsigned nl = 0;
    bool space = false;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80 && (tx_class[c] & TX_SP)) {
            nl += c == '\n';
            space = true;
            i++;
            continue;
        }
        size_t len = 1;
        int kind;
        if (c < 0x80 && ((tx_class[c] & (TX_AL | TX_DG)) || (glue && tx_ctrl(c))))
            kind = TK_WORD;
        else
            kind = tx_kind_at(s, n, i, &len);
        if (kind == TK_SPACE) {
            space = true;
            i += len;
            continue;
        }
        uint8_t pre = (uint8_t)((nl >= 2 ? TF_PARA : 0) | (space ? TF_SPACE : 0));
        nl = 0;
        space = false;
        size_t start = i, al;
        uint8_t f = 0;
        if (kind == TK_WORD) {
            i = tx_word(s, n, i, glue, &f);
        } else if (tx_is_apos(s, n, i, &al) && i + al < n && (s[i + al] == 's' || s[i + al] == 'S') &&
                   !tx_is_word(s, n, i + al + 1) && v->n > 0 && v->p[v->n - 1].end == start &&
                   !(v->p[v->n - 1].flags & TF_PUNCT)) {
            i += al + 1; /* possessive 's */
            f = al > 1 ? TF_HIASCII : 0; /* "’s" folds to "'S" like "'s" */
        } else if (c == '.' || c == '-' || c == '?' || c == '!') {
            /* Runs: "...", "--", "?!" */
            i++;
            while (i < n && (s[i] == c || ((c == '?' || c == '!') && (s[i] == '?' || s[i] == '!'))))
                i++;
            f = TF_PUNCT;
        } else {
            i += len;
            f = TF_PUNCT;
            if (c >= 0x80)
                f |= TF_HIASCII;
        }
        if (i == start)
            i += len; /* never stall */
        if (!tx_push(v, (uint32_t)start, (uint32_t)i, (uint8_t)(f | pre)))
            return false;
    }
    return true;
}

/* Fill dy_tok entries for v->p[a..b) of text base (offset `shift` is
 * subtracted from the spans). ups are allocated in one block. */
static int tx_emit(dy_arena *ar, const unsigned char *base, const tx_tok *t, size_t nt, uint32_t shift,
                   const uint32_t *newpos, dy_tok **out)
{
    /* Folded forms take the tokens' bytes plus a NUL each; non-ASCII may grow
     * up to four times (see dy_fold_into). */
    uint8_t any = 0;
    for (size_t i = 0; i < nt; i++)
        any |= t[i].flags;
    size_t span = nt ? t[nt - 1].end - t[0].start : 0, need, bytes;
    if (!dy_mul_ok(span, (any & TF_HIASCII) ? 4 : 1, &need) || !dy_add_ok(need, nt + 1, &need) ||
        !dy_mul_ok(nt ? nt : 1, sizeof(dy_tok), &bytes))
        return -1;
    dy_tok *toks = dy_arena_alloc(ar, bytes);
    char *up = dy_arena_alloc(ar, need);
    if (!toks || !up)
        return -1;
    for (size_t i = 0; i < nt; i++) {
        dy_tok *k = &toks[i];
        size_t len = t[i].end - t[i].start;
        uint32_t st = newpos ? newpos[i] : t[i].start - shift;
        k->start = st;
        k->end = st + (uint32_t)len;
        size_t m = dy_fold_into((const char *)base + t[i].start, len, up);
        up[m] = 0;
        k->up = up;
        k->nup = (uint32_t)m;
        up += m + 1;
        k->word = k->lemma = 0;
        memset(k->tag, 0, sizeof k->tag);
        k->pos = (t[i].flags & TF_PUNCT) ? DY_POS_PUNCT : DY_POS_X;
        k->dep_head = -1;
        k->deprel = 0;
    }
    *out = toks;
    return 0;
}

int dy_text_tokenize(dy_arena *a, const char *text, size_t n, dy_sentence *out)
{
    tx_vec v = {0};
    int rc = -1;
    out->text = text;
    out->len = (uint32_t)n;
    out->toks = NULL;
    out->ntok = 0;
    out->nodes = NULL;
    out->nnode = 0;
    out->source = DY_TREE_NONE;
    if (n > UINT32_MAX)
        goto done;
    if (!tx_scan((const unsigned char *)text, n, false, &v))
        goto done;
    if (tx_emit(a, (const unsigned char *)text, v.p, v.n, 0, NULL, &out->toks) != 0)
        goto done;
    out->ntok = (uint32_t)v.n;
    rc = 0;
done:
    free(v.p);
    return rc;
}

/* True when s[0..n) is valid UTF-8 without stray control characters, so it
 * can be used in place. ASCII is checked eight bytes at a time. */
static bool tx_clean(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            /* No byte >= 0x80 and none < 0x20 (tab/newline/CR are handled below). */
            uint64_t hi = w & 0x8080808080808080ull;
            uint64_t lo = (w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull;
            if (!hi && !lo) {
                i += 8;
                continue;
            }
        }
        unsigned char c = p[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
                return false;
            i++;
            continue;
        }
        int32_t cp;
        size_t k = dy_utf8_decode(p + i, n - i, &cp);
        if (!k)
            return false;
        i += k;
    }
    return true;
}

bool dy_utf8_clean(const char *s, size_t n) { return tx_clean((const unsigned char *)s, n); }

/* dy_utf8_repair; with keep, control characters other than NUL stay. */
static char *tx_repair(dy_arena *a, const char *s, size_t n, bool keep, size_t *outn)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t cap;
    /* Each invalid byte becomes 3 bytes (U+FFFD). */
    if (!dy_mul_ok(n, 3, &cap) || !dy_add_ok(cap, 1, &cap))
        return NULL;
    /* Common case: count first so clean text costs n+1 bytes. */
    size_t need = 0, i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            need++;
            i++;
            continue;
        }
        int32_t cp;
        size_t k = dy_utf8_decode(p + i, n - i, &cp);
        need += k ? k : 3;
        i += k ? k : 1;
    }
    char *out = dy_arena_alloc(a, need + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            bool ctrl = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
            out[o++] = ctrl && !(keep && c) ? ' ' : (char)c;
            i++;
            continue;
        }
        int32_t cp;
        size_t k = dy_utf8_decode(p + i, n - i, &cp);
        if (!k) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else {
            memcpy(out + o, p + i, k);
            o += k;
            i += k;
        }
    }
    out[o] = 0;
    if (outn)
        *outn = o;
    return out;
}

char *dy_utf8_repair(dy_arena *a, const char *s, size_t n, size_t *outn)
{
    return tx_repair(a, s, n, false, outn);
}

/* Common capitalised words that start a sentence after a dotted acronym
 * ("... in the U.S. The talks ..."). */
static bool tx_starter(const unsigned char *s, size_t n)
{
    static const char *const w[] = {"The", "A", "An", "He", "She", "It", "They", "We", "I", "But",
                                    "In", "This", "That", "There", "His", "Her", "Its", "Their",
                                    "And", "On", "At", "After", "Officials", "Mr", "Mrs", "Ms"};
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (strlen(w[k]) == n && memcmp(w[k], s, n) == 0)
            return true;
    return false;
}

static bool tx_closer(const unsigned char *s, size_t n)
{
    if (n == 1)
        return s[0] == '"' || s[0] == '\'' || s[0] == ')' || s[0] == ']' || s[0] == '}';
    /* ’ ” » */
    return n == 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x99 || s[2] == 0x9D);
}

/* Can token t start a new sentence? Capitals, digits, opening quotes and brackets. */
static bool tx_opener(const unsigned char *s, const tx_tok *t, bool strict)
{
    unsigned char c = s[t->start];
    if (c < 0x80) {
        if (tx_class[c] & TX_UP)
            return true;
        if (strict)
            return false;
        return (tx_class[c] & TX_DG) || c == '"' || c == '\'' || c == '(' || c == '[' || c == '`';
    }
    int32_t cp;
    if (!dy_utf8_decode(s + t->start, t->end - t->start, &cp))
        return false;
    if (utf8proc_category(cp) == UTF8PROC_CATEGORY_LU || utf8proc_category(cp) == UTF8PROC_CATEGORY_LT ||
        utf8proc_category(cp) == UTF8PROC_CATEGORY_LO)
        return true;
    return !strict && (cp == 0x201C || cp == 0x2018 || cp == 0x00AB);
}

/* Build one sentence from tokens t[0..nt) of text s. */
static int tx_sentence(dy_arena *a, const unsigned char *s, const tx_tok *t, size_t nt, dy_sentence *out,
                       uint32_t *scratch)
{
    size_t len = 0;
    for (size_t i = 0; i < nt; i++)
        len += (t[i].end - t[i].start) + (i > 0 && (t[i].flags & TF_SPACE));
    char *text = dy_arena_alloc(a, len + 1);
    if (!text)
        return -1;
    /* Copy runs where the source already has at most one plain space between
     * tokens in one go; elsewhere white space becomes one space. */
    size_t o = 0, run = nt ? t[0].start : 0, run_o = 0;
    for (size_t i = 0; i < nt; i++) {
        if (i > 0) {
            size_t gap = t[i].start - t[i - 1].end;
            if (gap > 1 || (gap == 1 && s[t[i - 1].end] != ' ')) {
                memcpy(text + run_o, s + run, t[i - 1].end - run);
                o = run_o + (t[i - 1].end - run);
                text[o++] = ' ';
                run = t[i].start;
                run_o = o;
            }
        }
        scratch[i] = (uint32_t)(run_o + (t[i].start - run));
    }
    if (nt) {
        memcpy(text + run_o, s + run, t[nt - 1].end - run);
        o = run_o + (t[nt - 1].end - run);
    }
    text[o] = 0;
    memset(out, 0, sizeof *out);
    out->text = text;
    out->len = (uint32_t)o;
    out->ntok = (uint32_t)nt;
    out->source = DY_TREE_NONE;
    return tx_emit(a, s, t, nt, 0, scratch, &out->toks);
}

static int tx_emit_sentence(dy_arena *a, const unsigned char *s, const tx_tok *t, size_t from, size_t to,
                            dy_sentence **sents, size_t *ns, size_t *cap, uint32_t *scratch)
{
    dy_sentence st;
    memset(&st, 0, sizeof st);
    if (!DY_VEC_PUSH(*sents, *ns, *cap, st))
        return -1;
    return tx_sentence(a, s, t + from, to - from, &(*sents)[*ns - 1], scratch);
}

int dy_text_sentences(dy_arena *a, const char *text, size_t n, dy_sentence **out, uint32_t *nout,
                      uint32_t *nforced)
{
    tx_vec v = {0};
    dy_sentence *sents = NULL;
    size_t ns = 0, cap = 0;
    uint32_t *scratch = NULL;
    int rc = -1;
    *out = NULL;
    *nout = 0;
    if (nforced)
        *nforced = 0;
    size_t rn = n;
    /* Clean input is read in place: sentences copy what they keep anyway. */
    const unsigned char *s = tx_clean((const unsigned char *)text, n)
                                 ? (const unsigned char *)text
                                 : (const unsigned char *)dy_utf8_repair(a, text, n, &rn);
    if (!s || rn > UINT32_MAX)
        goto done;
    if (!tx_scan(s, rn, false, &v))
        goto done;
    scratch = malloc(sizeof *scratch * (DY_TEXT_MAX_SENT_TOKENS + 1));
    if (!scratch)
        goto done;
    size_t s0 = 0, i = 0;
    while (i < v.n) {
        if (i > s0 && ((v.p[i].flags & TF_PARA) || i - s0 == DY_TEXT_MAX_SENT_TOKENS)) {
            if (tx_emit_sentence(a, s, v.p, s0, i, &sents, &ns, &cap, scratch) != 0)
                goto done;
            if (!(v.p[i].flags & TF_PARA) && nforced)
                (*nforced)++;
            s0 = i;
        }
        const tx_tok *t = &v.p[i];
        const unsigned char *w = s + t->start;
        size_t wl = t->end - t->start;
        bool term = (t->flags & TF_PUNCT) && (w[0] == '.' || w[0] == '!' || w[0] == '?');
        bool ellipsis = term && w[0] == '.' && wl > 1;
        if (wl == 3 && w[0] == 0xE2 && w[1] == 0x80 && w[2] == 0xA6)
            term = ellipsis = true;
        if (term || (t->flags & TF_ACRO)) {
            size_t j = i + 1;
            while (j < v.n && j - s0 < DY_TEXT_MAX_SENT_TOKENS && !(v.p[j].flags & (TF_SPACE | TF_PARA)) &&
                   tx_closer(s + v.p[j].start, v.p[j].end - v.p[j].start))
                j++;
            bool split;
            if (j >= v.n || (v.p[j].flags & TF_PARA))
                split = true;
            else if (!(v.p[j].flags & TF_SPACE))
                split = false;
            else if (t->flags & TF_ACRO)
                split = tx_starter(s + v.p[j].start, v.p[j].end - v.p[j].start);
            else
                split = tx_opener(s, &v.p[j], ellipsis);
            if (split) {
                if (tx_emit_sentence(a, s, v.p, s0, j, &sents, &ns, &cap, scratch) != 0)
                    goto done;
                s0 = i = j;
                continue;
            }
        }
        i++;
    }
    if (s0 < v.n && tx_emit_sentence(a, s, v.p, s0, v.n, &sents, &ns, &cap, scratch) != 0)
        goto done;
    if (ns) {
        size_t bytes;
        if (!dy_mul_ok(ns, sizeof *sents, &bytes))
            goto done;
        *out = dy_arena_alloc(a, bytes);
        if (!*out)
            goto done;
        memcpy(*out, sents, bytes);
    }
    *nout = (uint32_t)ns;
    rc = 0;
done:
    free(v.p);
    free(sents);
    free(scratch);
    return rc;
}

static int tx_sentence_one(dy_arena *a, const char *text, size_t n, bool glue, dy_sentence *out)
{
    tx_vec v = {0};
    uint32_t *scratch = NULL;
    int rc = -1;
    size_t rn = n;
    memset(out, 0, sizeof *out);
    const unsigned char *s = tx_clean((const unsigned char *)text, n)
                                 ? (const unsigned char *)text
                                 : (const unsigned char *)tx_repair(a, text, n, glue, &rn);
    if (!s || rn > UINT32_MAX || !tx_scan(s, rn, glue, &v))
        goto done;
    if (!(scratch = malloc(sizeof *scratch * (v.n + 1))))
        goto done;
    rc = tx_sentence(a, s, v.p, v.n, out, scratch);
done:
    free(v.p);
    free(scratch);
    return rc;
}

int dy_text_sentence_one(dy_arena *a, const char *text, size_t n, dy_sentence *out)
{
    return tx_sentence_one(a, text, n, false, out);
}

int dy_text_sentence_glued(dy_arena *a, const char *text, size_t n, dy_sentence *out)
{
    return tx_sentence_one(a, text, n, true, out);
}
