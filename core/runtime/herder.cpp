#include "runtime/herder.h"

namespace connectdesk::runtime {

const char* stateName(State state)
{
    switch (state) {
    case State::Unassigned:
        return "UNASSIGNED";
    case State::Running:
        return "RUNNING";
    case State::Paused:
        return "PAUSED";
    case State::Stopped:
        return "STOPPED";
    case State::Failed:
        return "FAILED";
    case State::Restarting:
        return "RESTARTING";
    case State::Destroyed:
        return "DESTROYED";
    }
    return "UNASSIGNED";
}

const char* connectorTypeName(ConnectorType type)
{
    switch (type) {
    case ConnectorType::Source:
        return "source";
    case ConnectorType::Sink:
        return "sink";
    case ConnectorType::Unknown:
        return "unknown";
    }
    return "unknown";
}

} // namespace connectdesk::runtime
