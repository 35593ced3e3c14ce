// Agent mode: one scenario process. The main thread serves the driver's channel; a second thread,
// the scenario's thread, makes the calls, so a blocked call never stops observation.
#pragma once

#include "channel.h"

namespace kosim::native {

int run_agent(AgentChannel& channel);

}  // namespace kosim::native
