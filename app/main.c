#include "config.h"

#include <stdio.h>

#include "app/app.h"

int
main(void)
{
	puts(PACKAGE_STRING);
	return 0;
}
