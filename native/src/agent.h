// Agent mode: one scenario process. The main thread makes the scenario's calls (it is the thread
// CreateProcess's pi.hThread names); a second thread serves the driver's channel, so a blocked call
// never stops observation.
#pragma once

#include "channel.h"

namespace kosim::native {

int run_agent(AgentChannel& channel);

}  // namespace kosim::native
