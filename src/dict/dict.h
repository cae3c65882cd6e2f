/* dict.h — the in-memory dictionary model shared by the loaders (PETRARCH2,
 * TABARI, dyad's defaults) and the matcher.
 *
 * Everything is built once by a loader and is read-only afterwards, so any
 * number of coders on any number of threads may share one dyad_dict.
 * Words are interned into a lexicon: matching compares uint32 ids, never
 * strings. Id 0 means "not a dictionary word". All words are stored upper-case
 * and ASCII-folded (see dy_fold in text/), the same form as dy_tok.up.
 *
 * Order is part of the contract: arrays are in file order, so output never
 * depends on hashing. */
#ifndef DY_DICT_H
#define DY_DICT_H

#include <stdint.h>

#include "tree/tree.h"
#include "util/util.h"

/* ---------------------------------------------------------------- lexicon */
typedef struct dy_lex {
    char **words;         /* id -> NUL-terminated word; words[0] = "" */
    uint32_t *lens;
    uint32_t *hashes;     /* id -> hash of the word, so probes rarely touch the text */
    uint32_t n, cap;
    uint64_t *slots;      /* open addressing: 0 empty, else id | hash << 32 */
    uint32_t nslots;      /* power of two */
} dy_lex;

uint32_t dy_lex_find(const dy_lex *lx, const char *s, size_t n);  /* 0 when absent */
uint32_t dy_lex_intern(dy_lex *lx, dy_arena *a, const char *s, size_t n); /* 0 on OOM */

/* ---------------------------------------------------------------- phrases */
/* A phrase dictionary: sequences of words mapped to a value, matched
 * longest-first against tokens. Used for actors, agents, discards, issues
 * and synsets. */
enum {
    DY_PH_STEM = 1,       /* TABARI: the last word matches as a prefix (no trailing _) */
    DY_PH_GAP = 2,        /* TABARI: a gap (blank, not _) is allowed before some words: see gaps */
    DY_PH_NOEND = 4       /* TABARI: written with a trailing '=': no regular endings */
};

/* TABARI phrases written with a blank (not '_') between two words allow other
 * tokens between them, never across a clause break: up to this many, TABARI's
 * longest sentence (manual 4: 127 words). */
#define DY_PH_MAX_GAP 127

typedef struct dy_phrase {
    uint32_t first_word;  /* index into dy_phrases.words */
    uint16_t nwords;
    uint16_t flags;       /* DY_PH_* */
    uint32_t value;       /* index into the owner's entry array */
    uint32_t line;        /* source line, for diagnostics */
    uint16_t file;        /* index into dyad_dict.files */
} dy_phrase;

typedef struct dy_phrases {
    dy_phrase *items;     /* in file order */
    uint32_t n, cap;
    uint32_t *words;      /* concatenated word ids */
    uint8_t *gaps;        /* parallel to words: 1 when a gap may precede that word (DY_PH_GAP) */
    uint32_t nwords, capwords;
    /* Plain phrases (no TABARI flags) live in a trie over word ids, so a
     * token costs one probe per word it extends, whatever the number of
     * phrases sharing a prefix ("THE ...", "UNITED ..."). A trie node is the
     * slot of the edge that reaches it: slot i = {parent node, word, best
     * phrase + 1}, node 0 the root, node i + 1 the edge in slot i; best is
     * the first phrase in file order that ends there. Built by dy_phrases_index(). */
    uint32_t *trie;       /* open addressing, 3 words a slot; word 0 = empty */
    uint32_t trie_shift;  /* 64 - log2(slots): Fibonacci hashing of {parent, word} */
    uint32_t ntrie;       /* number of slots (power of two), 0 = no plain phrases */
    /* Flagged phrases (TABARI stems and gaps): for each first word, the phrases
     * starting with it, longest first (ties in file order). */
    uint32_t *by_first;   /* open addressing, slot i = {word, start in order, count}; 0 = empty */
    uint32_t nby_first;   /* number of slots (power of two) */
    uint32_t *order;      /* phrase indices grouped by first word */
    uint32_t *stems;      /* phrase indices whose only word is a stem, sorted by word id */
    uint32_t nstems;
    uint32_t nflagged;    /* phrases in order (flagged ones) */
    /* Most tokens start no phrase: a bit per first word (ids are dense, so
     * `word & first_mask` spreads them) answers that without a call. */
    uint64_t *first_bits;
    uint32_t first_mask;  /* number of bits - 1 */
    uint8_t has_gaps;     /* some phrase has DY_PH_GAP: matching must compare spans */
} dy_phrases;

typedef struct dy_match {
    uint32_t phrase;      /* index into items */
    uint32_t value;
    uint32_t t0, t1;      /* matched token span */
} dy_match;

/* Longest phrase starting at token `at`. Returns 1 and fills m, or 0.
 * Called for every token with every phrase set, so the common answer (no
 * phrase starts with this word) is given inline; TABARI stems match words
 * outside the lexicon, so sets with stems always take the full path. */
int dy_phrases_match_at(const dy_phrases *ph, const dy_lex *lx, const dy_tok *toks, uint32_t ntok,
                        uint32_t at, dy_match *m);
static inline int dy_phrases_match(const dy_phrases *ph, const dy_lex *lx, const dy_tok *toks,
                                   uint32_t ntok, uint32_t at, dy_match *m)
{
    if (!ph || at >= ntok || !ph->first_bits)
        return 0;
    uint32_t b = toks[at].word & ph->first_mask;
    if (!ph->nstems && !(ph->first_bits[b >> 6] >> (b & 63) & 1))
        return 0;
    return dy_phrases_match_at(ph, lx, toks, ntok, at, m);
}

/* ---------------------------------------------------------------- codes */
/* Event and actor codes are interned strings; "---" is the null code. */
typedef struct dy_code {
    const char *s;        /* as written: "064", "013:012", "---" */
} dy_code;

/* ---------------------------------------------------------------- actors */
typedef struct dy_actor_code {
    const char *code;     /* "USAGOV" */
    uint32_t from, to;    /* inclusive YYYYMMDD; from 0 = open start, to 99999999 = open end */
} dy_actor_code;

typedef struct dy_actor {
    uint32_t first_code, ncode; /* into dyad_dict.actor_codes, in file order */
    const char *default_code;   /* code when no date restriction applies; NULL = null */
    uint32_t line;
    uint16_t file;
} dy_actor;

/* The code of actor `a` on date YYYYMMDD (0 = unknown date: the default, else
 * the last-listed restriction). Returns NULL for the null actor. */
const char *dy_actor_code_on(const struct dyad_dict *d, const dy_actor *a, uint32_t date);

/* ---------------------------------------------------------------- agents */
typedef struct dy_agent {
    const char *code;     /* "GOV", "MIL": without the ~ */
    uint8_t prefix;       /* 1 when written "NGO~" (code goes before the actor code) */
    uint32_t line;
    uint16_t file;
} dy_agent;

/* ---------------------------------------------------------------- verbs */
/* A pattern is stored as the token stream it was written as, so that the
 * tree matcher (PETRARCH semantics) and the linear matcher (TABARI semantics)
 * read the same data. */
typedef enum dy_pel_kind {
    DY_PE_WORD = 1,       /* id = word id */
    DY_PE_SYNSET,         /* id = synset index */
    DY_PE_VERB,           /* '*' : the verb's position */
    DY_PE_SOURCE,         /* '$' */
    DY_PE_TARGET,         /* '+' */
    DY_PE_COMPOUND,       /* '%' : source and target in one actor phrase */
    DY_PE_SKIP,           /* '^' : skip the next noun phrase (TABARI) */
    DY_PE_NP_OPEN,        /* '{' (PETRARCH noun phrase; TABARI alternatives) */
    DY_PE_NP_CLOSE,       /* '}' */
    DY_PE_ALT,            /* '|' between TABARI alternatives */
    DY_PE_PP_OPEN,        /* '(' PETRARCH prepositional phrase */
    DY_PE_PP_CLOSE        /* ')' */
} dy_pel_kind;

typedef struct dy_pel {
    uint8_t kind;         /* dy_pel_kind */
    uint8_t joined;       /* 1 when glued to the previous element by '_' */
    uint8_t word_end;     /* TABARI: word written with a trailing '_' (no stem match) */
    uint32_t id;
} dy_pel;

typedef struct dy_pattern {
    uint32_t first, n;    /* elements in dyad_dict.pels */
    uint32_t star;        /* index of the verb's place '*' (every pattern has exactly one) */
    const char *code;     /* "064", "---", combined "013:012"... */
    uint32_t block;       /* verb block */
    uint32_t verb;        /* the verb (dy_verb index) it was listed under, or UINT32_MAX for the block */
    uint32_t line;
    uint16_t file;
} dy_pattern;

typedef struct dy_verb_block {
    const char *name;     /* "--- RESTORE [064] ---" -> "RESTORE" */
    const char *code;     /* the block's primary code, "---" when none */
    uint32_t first_pattern, npattern;
    uint32_t line;
    uint16_t file;
} dy_verb_block;

/* One verb as listed in a block: a primary form with its own code. */
typedef struct dy_verb {
    uint32_t block;
    uint32_t lemma;       /* word id of the base form ("RESTORE", for "CORDON_OFF": CORDON) */
    const char *code;     /* own code, or the block's */
    uint32_t line;
    uint16_t file;
} dy_verb;

/* A surface form of a verb ("RESTORED", "CORDONED OFF", "WIRE TAPPED"). */
typedef struct dy_verb_form {
    uint32_t verb;        /* dy_verb index */
    uint32_t first_word;  /* words of the form, in dyad_dict.form_words */
    uint8_t nwords;
    uint8_t head;         /* index (within the form) of the inflected verb word */
    uint8_t stem;         /* TABARI: a one-word form written without '_' or '=' matches as a prefix */
} dy_verb_form;

/* A TABARI synset member may end in an actor marker ("+PESO_$": the source
 * follows the member): the member phrase's value says which. */
enum { DY_SYN_SOURCE = 1, DY_SYN_TARGET = 2, DY_SYN_KIND = 3, DY_SYN_NEXT = 4 /* glued by '_' */ };

typedef struct dy_synset {
    const char *name;     /* "&CURRENCY" */
    dy_phrases phrases;   /* value: DY_SYN_* marker ending the member, 0 none */
    uint32_t line;
    uint16_t file;
} dy_synset;

/* A TABARI <TIME> root (manual 10.5): its code shifts the date by that many
 * days ("-1", "+7"), or is a null (---), discard (###) or complex (+++) code.
 * Its patterns, tried first, are time_patterns[first_pattern ..] (elements
 * in pels; dy_pattern.block is the dy_time index). */
typedef struct dy_time {
    const char *code;
    uint32_t first_pattern, npattern;
    uint32_t line;
    uint16_t file;
} dy_time;

typedef struct dy_transform {
    const char *text;     /* the raw "~ a (a b WILL_ATTACK) SAY = a b 138" line, parsed by the matcher */
    uint32_t line;
    uint16_t file;
} dy_transform;

enum { DY_WC_NOUN = 1, DY_WC_ADJ = 2 };

#define DY_REQ_SYNSET 0x80000000u /* dyad_dict.req: a synset index, not a word id */

/* ---------------------------------------------------------------- issues */
typedef struct dy_issue {
    const char *code;     /* "ID_ATROCITY" */
    uint8_t ignore;       /* '~' lines cancel issue coding */
} dy_issue;

/* ---------------------------------------------------------------- options */
/* Options read from a TABARI .options file or a PETRARCH config; the coder
 * interprets them. Raw name/value pairs in file order. */
typedef struct dy_option {
    const char *name, *value;
    uint32_t line;
    uint16_t file;
} dy_option;

/* ---------------------------------------------------------------- the set */
typedef enum dy_verb_style {
    DY_STYLE_PETRARCH = 0, /* patterns are matched on the tree */
    DY_STYLE_TABARI = 1    /* patterns are matched linearly */
} dy_verb_style;

struct dyad_dict {
    dy_arena arena;       /* owns all strings and the lexicon's words */
    dy_lex lex;
    const char **files;   /* loaded file paths, in load order */
    uint32_t nfiles;
    uint8_t verb_style;   /* dy_verb_style */

    dy_synset *synsets;       uint32_t nsynsets;
    dy_verb_block *blocks;    uint32_t nblocks;
    dy_verb *verbs;           uint32_t nverbs;
    dy_verb_form *forms;      uint32_t nforms;
    uint32_t *form_words;     uint32_t nform_words;
    /* forms indexed by the word id of their head word: forms_by_head[i] lists
     * form indices (open addressing, built at load) */
    uint32_t *fidx_slots;     uint32_t nfidx_slots; /* slot i = {word, start, count} */
    uint32_t *fidx_list;      /* grouped form indices */
    dy_pattern *patterns;     uint32_t npatterns;
    dy_pel *pels;             uint32_t npels;
    /* What each pattern cannot match without (built by dy_dict_finish), so the
     * matcher rejects most patterns of a block with a bit test: pattern p
     * needs the entries req[req_first[p] .. req_first[p + 1]), word ids first,
     * then synset indices marked with DY_REQ_SYNSET. req_key[p] is one of its
     * words, the longest (likeliest absent), or 0 when it needs none: a first
     * test that reads one dense array. */
    uint32_t *req_first;      /* npatterns + 1 offsets */
    uint32_t *req;
    uint32_t *req_key;
    dy_transform *transforms; uint32_t ntransforms;

    dy_actor *actors;         uint32_t nactors;
    dy_actor_code *actor_codes; uint32_t nactor_codes;
    dy_phrases actor_phrases;     /* value = actor index */

    dy_agent *agents;         uint32_t nagents;
    dy_phrases agent_phrases;     /* value = agent index */

    dy_phrases discards;          /* value: 1 = whole story ('+'), 0 = sentence */
    dy_phrases word_classes;      /* TABARI <NOUN> (value DY_WC_NOUN) and <ADJECTIVE> phrases */
    dy_time *times;           uint32_t ntimes;
    dy_pattern *time_patterns; uint32_t ntime_patterns;
    dy_phrases time_phrases;      /* TABARI <TIME> roots: value = dy_time index */
    dy_issue *issues;         uint32_t nissues;
    dy_phrases issue_phrases;     /* value = issue index */

    dy_option *options;       uint32_t noptions;
    char *description;        /* for provenance */

    size_t bytes;             /* memory held, computed by dy_dict_finish() */
    size_t rejected;          /* malformed entries left out by a lenient load */
    struct dy_dict_build *build; /* loader state (capacities, substitution sets); NULL once finished */
};

/* Forms whose head word is `word`: sets *list to form indices. Returns count. */
uint32_t dy_dict_forms_for(const struct dyad_dict *d, uint32_t word, const uint32_t **list);

/* Synset membership: longest phrase of synset `s` starting at token `at`. */
int dy_synset_match(const struct dyad_dict *d, uint32_t s, const dy_tok *toks, uint32_t ntok,
                    uint32_t at, dy_match *m);

/* Bind a sentence's tokens to this dictionary's lexicon (fills tok.word). */
void dy_sentence_bind(const struct dyad_dict *d, dy_sentence *s);

/* "file:line" for provenance; writes into out. */
void dy_dict_where(const struct dyad_dict *d, uint16_t file, uint32_t line, char *out, size_t cap);

#endif
