// The page's entry point: everything is in ui/app/window_web.cpp.
#include "app/window_web.h"

int main() { return kosim::ui::run_page(); }
