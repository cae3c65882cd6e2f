/* code.h — the matcher and coder internals.
 *
 * One matcher serves every front end. It reads a dy_sentence (tokens plus a
 * phrase tree from a Penn parse, a CoNLL-U parse converted to phrases, or
 * dyad's shallow parse of raw text) and:
 *   1. finds actor mentions (actors, agents, their combinations);
 *   2. finds verbs from the dictionary and the clause each one heads;
 *   3. matches the verb's patterns inside that clause;
 *   4. resolves source and target (subject, object, markers, passive voice,
 *      inherited subjects of embedded clauses, pronouns);
 *   5. combines verbs with their complement clauses ("said ... would",
 *      "agreed to") and emits events in token order.
 */
#ifndef DY_CODE_H
#define DY_CODE_H

#include "dict/dict.h"
#include "input/doc.h"
#include "tree/tree.h"

/* An actor mention: a token span and the code it resolves to. */
typedef struct cd_mention {
    uint32_t t0, t1;
    const char *code;      /* full code ("RUSMIL"); NULL when unresolved */
    const char *agent;     /* agent code when the mention is or holds an agent */
    uint32_t agent_ix;     /* dy_agent index when kind is CD_M_AGENT */
    uint8_t kind;          /* CD_M_* */
    uint8_t coref;         /* resolved from an earlier sentence */
    uint8_t gram;          /* CD_G_*: what a pronoun must agree with */
    const char *ref;       /* raw text: a pronoun's referent in its sentence, NULL none */
    uint32_t line;         /* dictionary provenance of the actor entry */
    uint16_t file;
} cd_mention;

enum { CD_M_ACTOR = 1, CD_M_AGENT = 2, CD_M_COMBINED = 3, CD_M_PRONOUN = 4 };
/* A mention names a person ("Putin", "the Turkish president"), a plural
 * ("officials", "rebels"), or neither (a state, "the government"). */
enum { CD_G_PERSON = 1, CD_G_PLURAL = 2 };

/* One candidate event before output. */
typedef struct cd_event {
    const char *source, *target, *code;
    uint32_t src_t0, src_t1, tgt_t0, tgt_t1, verb_t0, verb_t1;
    uint32_t pattern;      /* dy_pattern index, UINT32_MAX = the verb's own code */
    uint32_t verb;         /* dy_verb index */
    uint16_t flags;        /* CD_F_* */
} cd_event;

enum {
    CD_F_PASSIVE = 1,
    CD_F_NEGATED = 2,
    CD_F_SAID = 4,
    CD_F_INHERITED = 8,    /* source inherited from an enclosing clause */
    CD_F_COREF = 16,       /* an actor came from an earlier sentence */
    CD_F_COMBINED = 32,    /* code combined from two verbs */
    CD_F_SHALLOW = 64,     /* coded from dyad's own parse of raw text */
    CD_F_INSTRUMENT = 128, /* source: who used the instrument that acted */
    CD_F_RESULT = 256      /* an act named by a noun, caused by the source's act */
};

/* A run of documents that continue one another (dyad_story): what one
 * sentence leaves for the next. Strings are owned (malloc). */
struct dyad_story {
    /* TABARI FORWARD (manual 8.4): the previous sentence's first actor, as
     * its dictionary code without agents */
    char *fw_single;      /* for HE, SHE, IT...; NULL when that actor opens a compound */
    char *fw_group;       /* for THEY, THEM, THEIR: the actor, or the compound's first member */
    char *fw_story;       /* story part of the previous record id (FORWARD's N...N) */
    long fw_seq;          /* its sentence number (S...S); -1 none */
    int fw_next;          /* the sentence being coded continues the previous one */
    /* dyad's own coder: the previous document's actors */
    char *last_actor, *last_country;
};

/* Per-document state that carries across sentences (pronoun resolution). */
typedef struct cd_docstate {
    const char *last_actor;       /* most recent resolved actor code */
    const char *last_country;     /* country of the previous sentences' first state actor */
    uint32_t last_actor_sentence;
    struct dyad_story *story;     /* never NULL while coding */
    const char *doc_id;
    uint32_t sentence;            /* index of the sentence being coded */
} cd_docstate;

/* A date written in the sentence that dates some of its events (when.c). */
enum { CD_PREC_NONE = 0, CD_PREC_YEAR, CD_PREC_MONTH, CD_PREC_DAY };
enum { CD_ANCHOR_PREP = 1, CD_ANCHOR_PREMOD = 2 };
typedef struct cd_anchor {
    uint32_t t0, t1;       /* the date expression */
    uint32_t date;         /* YYYYMMDD; month and day are 01 below the precision */
    uint8_t prec;          /* CD_PREC_* */
    uint8_t kind;          /* CD_ANCHOR_*: after a preposition, or a noun's premodifier */
    uint8_t fronted;       /* in the adverbial opening the sentence: dates all of it */
    uint32_t s0, s1;       /* the tokens it dates (cd_anchor_scopes) */
} cd_anchor;

/* The matcher's scratch space for one sentence; reused across sentences. */
typedef struct cd_scratch {
    cd_mention *m;   uint32_t nm; size_t capm;
    cd_event *ev;    uint32_t nev; size_t capev;
    int32_t *tok_mention;  size_t captm;  /* token -> mention index or -1 */
    int32_t *leaf;   size_t capleaf;      /* token -> leaf node or -1 */
    uint64_t *wbits; size_t capwb;          /* a bit per word id: present in the sentence (cleared after it) */
    uint8_t *syn_here; size_t capsh;       /* per synset: 0 not yet known, 1 absent, 2 may occur */
    /* the shallow parse's working arrays, kept so a sentence costs no allocation */
    uint8_t *sh_cls;    size_t capshc;
    dy_node *sh_nodes;  size_t capshn;
    int32_t *sh_last;   size_t capshl;
    uint8_t *sh_closed; size_t capshw;  /* per word id: closed class + 2, 1 none, 0 not yet looked up */
    int32_t date_shift;   /* days the sentence's events are moved (TABARI <TIME>) */
    cd_anchor *an;   uint32_t nan; size_t capan;  /* dates written in the sentence */
} cd_scratch;

typedef struct cd_ctx {
    const struct dyad_dict *dict;
    const dyad_code_opts *opts;
    uint32_t date;
    dy_arena *arena;              /* per-document: combined codes live here */
    cd_docstate *doc;
    cd_scratch *s;
} cd_ctx;

/* A state's own actor: a country code alone or with a state sector (GOV, MIL, ...). */
int cd_state_actor(const char *code);
/* Find actor mentions in a bound sentence. */
int cd_find_mentions(cd_ctx *c, const dy_sentence *st);
/* Code one sentence whose tokens are bound and mentions found; appends to c->s->ev. */
int cd_match_sentence(cd_ctx *c, const dy_sentence *st);
/* Build dyad's shallow phrase tree for a tokenised raw-text sentence. */
int cd_shallow_parse(cd_ctx *c, dy_arena *a, dy_sentence *st);

/* Are tokens [t0, t1) exactly one date expression ("1999", "April 1942")? */
int cd_date_span(const dy_sentence *st, uint32_t t0, uint32_t t1);
/* Find the sentence's date anchors that end before `docdate` (0: any) into s->an. */
int cd_find_anchors(cd_scratch *s, const dy_sentence *st, uint32_t docdate);
/* Give each anchor its scope; `tree`: s->leaf maps tokens to the tree's leaves. */
void cd_anchor_scopes(cd_scratch *s, const dy_sentence *st, int tree);
/* The innermost anchor whose scope holds token `tok`, or NULL. */
const cd_anchor *cd_anchor_for(const cd_scratch *s, uint32_t tok);

/* Is this code the null code? */
static inline int cd_null_code(const char *code)
{
    return !code || !code[0] || code[0] == '-' || !strcmp(code, "+++");
}

/* Is this actor missing? "---" alone is the null actor; an anonymous agent
 * ("---GOV") still names someone and completes a dyad. */
static inline int cd_null_actor(const char *code)
{
    return !code || !code[0] || !strcmp(code, "---");
}

#endif
