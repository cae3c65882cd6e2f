/* dictint.h — private to src/dict: the loader's build state, the line
 * scanner shared by the PETRARCH2 and TABARI parsers, and word helpers. */
#ifndef DY_DICTINT_H
#define DY_DICTINT_H

#include "dict/load.h"

#define DY_MAX_PHRASE_WORDS 64   /* words in one phrase or pattern (reported, never cut) */
#define DY_MAX_EXPANSIONS 4096   /* phrases one line may expand into (alternatives, n:/v:, !sets!) */
#define DY_MAX_FILES 60000       /* files per dictionary set (dy_phrase.file is 16 bits) */

/* A PETRARCH agents substitution set: !PERSON! = MAN, MEN, ... */
typedef struct dy_subst {
    const char *name;            /* "PERSON" (folded) */
    const char **items;          /* folded, in file order */
    uint32_t nitems;
} dy_subst;

/* Capacities and state that exist only while loading. */
typedef struct dy_dict_build {
    size_t cap_files, cap_synsets, cap_blocks, cap_verbs, cap_forms, cap_form_words;
    size_t cap_patterns, cap_pels, cap_transforms, cap_actors, cap_actor_codes;
    size_t cap_agents, cap_issues, cap_options, cap_times, cap_time_patterns;
    dy_lex codes;                /* interned codes, so 30k "[AFG]" share one string */
    dy_subst *subst;             /* agents substitution sets of the current file */
    size_t nsubst, cap_subst;
} dy_dict_build;

/* Per-file parser state. */
typedef struct dp {
    struct dyad_dict *d;
    dy_dict_build *b;
    const char *path;            /* as stored in d->files */
    const char *report_path;     /* path for the returned error (outlives d) */
    uint16_t file;
    uint8_t tabari;              /* TABARI conventions: stems, gaps, ';' comments */
    const char *buf;
    size_t len, pos;             /* pos: start of the next line */
    uint32_t line;
    const char *raw;             /* current line, CR/LF stripped */
    size_t rawn;
    const dyad_dict_opts *opts;
    dyad_error *err;
    size_t nerr;                 /* errors reported in this file */
    uint8_t stop;                /* fatal error or first error without keep_going */
    uint8_t no_lf;               /* no LF left in the buffer (CR-only line ends) */
    dy_buf fold;                 /* scratch for folding */
    dy_buf tmp;                  /* scratch for generated words */
} dp;

/* ---- lines ---- */
int dp_next_line(dp *p);
/* Strip a trailing comment ('#' PETRARCH, ';' TABARI, outside [...]) and blanks. */
size_t dp_content(const dp *p, const char *s, size_t n);
static inline int dp_blank(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

/* Report a syntax error at `at` (within the current line, or NULL for its start).
 * Returns -1 so callers can `return dp_error(...)`. */
int dp_error(dp *p, const char *at, const char *msg);
/* A non-fatal warning to opts->diag (code DYAD_E_UNSUPPORTED); loading goes on. */
void dp_warn(dp *p, const char *at, const char *msg);
int dp_oom(dp *p);

/* ---- words and codes ---- */
/* Fold s[0..n) and intern it; 0 on out-of-memory (dp->stop is set). */
uint32_t dp_word(dp *p, const char *s, size_t n);
/* Intern a code as written; NULL on OOM. */
const char *dp_code(dp *p, const char *s, size_t n);
/* Validate and intern the code inside [ ... ] starting at s[0]=='['. Sets *end past ']'. */
const char *dp_bracket_code(dp *p, const char *s, const char *lim, const char **end);
int dp_code_char_ok(char c);

/* A phrase being built: word ids with the gap flag before each word. */
typedef struct dp_phrase {
    uint32_t w[DY_MAX_PHRASE_WORDS];
    uint8_t gap[DY_MAX_PHRASE_WORDS];
    uint16_t n;
    uint8_t exact;   /* written with a trailing '_' (TABARI: no stem) */
    uint8_t noend;   /* written with a trailing '=' (TABARI: no regular endings) */
} dp_phrase;

/* Split s[0..n) on blanks and '_' (TABARI: '-' too) into words. */
int dp_split(dp *p, const char *s, size_t n, dp_phrase *out);
/* Add to a phrase dictionary, with the flags the file's conventions imply. */
int dp_add_phrase(dp *p, dy_phrases *ph, const dp_phrase *w, uint32_t value);
int dy_phrases_add(dy_phrases *ph, const uint32_t *words, const uint8_t *gaps, uint16_t n,
                   uint16_t flags, uint32_t value, uint32_t line, uint16_t file);
int dy_phrases_index(dy_phrases *ph);
void dy_phrases_free(dy_phrases *ph);

/* ---- English endings (upper-case ASCII), appended to out ---- */
void dy_en_plural(const char *w, size_t n, dy_buf *out);
void dy_en_third(const char *w, size_t n, dy_buf *out);
/* Past and -ing forms: a second spelling (doubled consonant) may be written
 * after a NUL when the stress cannot be known ("ADMITTED"/"VISITED"). */
int dy_en_past(const char *w, size_t n, dy_buf *out, dy_buf *alt);
int dy_en_ing(const char *w, size_t n, dy_buf *out, dy_buf *alt);

/* ---- dates ---- */
/* YYMMDD or YYYYMMDD -> YYYYMMDD; YY <= 30 is 20YY, else 19YY. 0 when invalid. */
uint32_t dy_parse_date(const char *s, size_t n);

/* ---- model growth ---- */
#define DP_PUSH(p, arr, n, cap, val) \
    (DY_VEC_PUSH((p)->d->arr, (p)->d->n, (p)->b->cap, (val)) ? 0 : dp_oom(p))

/* ---- the parsers ---- */
dyad_status dy_petr_verbs(dp *p);
dyad_status dy_petr_discards(dp *p);
dyad_status dy_petr_issues(dp *p);
dyad_status dy_tabari_verbs(dp *p);
dyad_status dy_tabari_options(dp *p);
dyad_status dy_actors(dp *p);   /* PETRARCH2 and TABARI */
dyad_status dy_agents(dp *p);   /* PETRARCH2 and TABARI */
/* PETRARCH <!-- comments -->: 1 when the current line is (part of) one. */
int dy_petr_skip(dp *p, int *in_comment);

/* Shared by both actor formats: one actor record, its codes on the same or
 * following indented lines. */
int dy_actor_codes(dp *p, const char *s, const char *lim, uint32_t actor);

#endif
