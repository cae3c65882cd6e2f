/* tree.h — the one sentence representation every front end produces and the
 * matcher consumes: tokens (slices of the sentence text) plus a phrase tree.
 *
 * Three front ends build it: Penn Treebank parses (src/input/penn.c), CoNLL-U
 * dependency parses converted to phrases (src/input/conllu.c), and dyad's own
 * shallow parse of raw text (src/text/). Labels are normalised to the small set
 * below; the original label is kept for diagnostics. */
#ifndef DY_TREE_H
#define DY_TREE_H

#include <stdint.h>

#include "util/util.h"

/* Coarse part of speech, from a Penn tag, a UD UPOS, or dyad's tagger. */
typedef enum dy_pos {
    DY_POS_X = 0,   /* unknown / other */
    DY_POS_NOUN,    /* NN NNS */
    DY_POS_PROPN,   /* NNP NNPS */
    DY_POS_PRON,    /* PRP PRP$ WP */
    DY_POS_VERB,    /* VB* (main verbs) */
    DY_POS_AUX,     /* auxiliaries and modals: MD, UD AUX */
    DY_POS_ADJ,
    DY_POS_ADV,
    DY_POS_ADP,     /* IN (prepositions), TO as preposition */
    DY_POS_DET,
    DY_POS_NUM,
    DY_POS_CONJ,    /* CC */
    DY_POS_SCONJ,
    DY_POS_PART,    /* TO before a verb, POS, RP, "not" */
    DY_POS_PUNCT
} dy_pos;

/* Universal Dependencies relations (subtypes that matter for coding kept apart). */
typedef enum dy_deprel {
    DY_DEP_NONE = 0, DY_DEP_ROOT, DY_DEP_NSUBJ, DY_DEP_NSUBJ_PASS, DY_DEP_CSUBJ, DY_DEP_OBJ,
    DY_DEP_IOBJ, DY_DEP_CCOMP, DY_DEP_XCOMP, DY_DEP_OBL, DY_DEP_OBL_AGENT, DY_DEP_NMOD,
    DY_DEP_NMOD_POSS, DY_DEP_AMOD, DY_DEP_ADVMOD, DY_DEP_ADVCL, DY_DEP_ACL, DY_DEP_ACL_RELCL,
    DY_DEP_APPOS, DY_DEP_AUX, DY_DEP_AUX_PASS, DY_DEP_COP, DY_DEP_MARK, DY_DEP_CASE, DY_DEP_DET,
    DY_DEP_NUMMOD, DY_DEP_COMPOUND, DY_DEP_FLAT, DY_DEP_FIXED, DY_DEP_CONJ, DY_DEP_CC,
    DY_DEP_PUNCT, DY_DEP_EXPL, DY_DEP_PARATAXIS, DY_DEP_OTHER
} dy_deprel;

typedef struct dy_tok {
    uint32_t start, end;  /* byte span in dy_sentence.text */
    const char *up;       /* upper-case, ASCII-folded form for matching (NUL-terminated) */
    uint32_t nup;
    uint32_t word;        /* lexicon id of `up`, filled by dy_sentence_bind(); 0 = unknown */
    uint32_t lemma;       /* lexicon id of the lemma when known (verbs), else 0 */
    char tag[8];          /* Penn-style tag ("NNP", "VBD"), "" when unknown */
    uint8_t pos;          /* dy_pos */
    int32_t dep_head;     /* CoNLL-U head token index (-1 = root/none) */
    uint8_t deprel;       /* dy_deprel, when from a dependency parse */
} dy_tok;

typedef enum dy_label {
    DY_L_ROOT = 0,
    DY_L_S,      /* S, SINV, SQ, FRAG */
    DY_L_SBAR,   /* SBAR, SBARQ */
    DY_L_NP,     /* NP, NX, NML, WHNP */
    DY_L_VP,
    DY_L_PP,     /* PP, WHPP */
    DY_L_ADJP,
    DY_L_ADVP,
    DY_L_PRN,
    DY_L_OTHER,
    DY_L_TOKEN   /* a leaf: node.tok is the token index */
} dy_label;

typedef struct dy_node {
    uint8_t label;        /* dy_label */
    char raw[12];         /* original label ("NP-TMP", "nsubj"...), truncated for display only */
    int32_t parent;       /* -1 for the root */
    int32_t first_child;  /* -1 when none */
    int32_t next_sibling; /* -1 when none */
    uint32_t t0, t1;      /* token span [t0, t1) covered by the node */
    int32_t tok;          /* leaf token index, -1 for phrases */
    int32_t head;         /* head token index, -1 when unknown */
} dy_node;

typedef struct dy_sentence {
    const char *text;     /* the sentence text (valid UTF-8, NUL-terminated) */
    uint32_t len;
    dy_tok *toks;
    uint32_t ntok;
    dy_node *nodes;       /* nodes[0] is the root when nnode > 0 */
    uint32_t nnode;
    uint8_t source;       /* dy_tree_source: how the tree was built */
} dy_sentence;

typedef enum dy_tree_source {
    DY_TREE_NONE = 0, /* tokens only */
    DY_TREE_PENN,
    DY_TREE_CONLLU,
    DY_TREE_SHALLOW   /* dyad's own parse */
} dy_tree_source;

/* Map a Penn tag ("NNS") or UD UPOS ("NOUN") to dy_pos. */
dy_pos dy_pos_from_penn(const char *tag, size_t n);
dy_pos dy_pos_from_upos(const char *upos, size_t n);
/* Map a Penn phrase label ("NP-SBJ") to dy_label. */
dy_label dy_label_from_penn(const char *label, size_t n);
/* Map a UD relation ("nsubj:pass") to dy_deprel (unknown ones: DY_DEP_OTHER). */
dy_deprel dy_deprel_from_ud(const char *rel, size_t n);

#endif
