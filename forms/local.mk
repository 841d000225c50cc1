# forms: the field model, validators, answers <-> body, drafts.  No curses, no curl.
noinst_LIBRARIES += libforms.a
libforms_a_CPPFLAGS = $(AM_CPPFLAGS) $(CJSON_CFLAGS)
libforms_a_SOURCES = \
	forms/field.c forms/field.h \
	forms/validate.c forms/validate.h \
	forms/body.c forms/body.h \
	forms/draft.c forms/draft.h \
	forms/rows.c forms/rows.h \
	forms/schedule.c forms/schedule.h
