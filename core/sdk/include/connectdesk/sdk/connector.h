// The Connector interface: a plugin's entry object that validates its configuration and splits
// the work into task configs (org.apache.kafka.connect.connector.Connector).
#pragma once

#include "connectdesk/sdk/config_def.h"
#include "connectdesk/sdk/config_map.h"

#include <string>
#include <vector>

namespace connectdesk::sdk {

class ConnectorContext;

class Connector {
public:
    virtual ~Connector();

    // Shown in status and /connector-plugins; "undefined" when the plugin does not version itself.
    virtual std::string version() const = 0;
    // The connector's own keys; the framework keys (name, tasks.max, ...) are added by the runtime.
    virtual ConfigDef config() const = 0;
    // Called on the connector's own thread; may block (the runtime bounds it with a timeout).
    virtual void start(const ConfigMap& props) = 0;
    // Fully-qualified class name of the task; the runtime writes it into every task config as
    // `task.class` and looks it up among the loaded plugins' task factories.
    virtual std::string taskClass() const = 0;
    // At most maxTasks configs, one per task to run.
    virtual std::vector<ConfigMap> taskConfigs(int maxTasks) = 0;
    virtual void stop() = 0;
    // Default: config().validate(props) (Connector.validate).
    virtual std::vector<ConfigDef::ConfigValue> validate(const ConfigMap& props);

    void initialize(ConnectorContext& context) { m_context = &context; }

protected:
    ConnectorContext& context() { return *m_context; }

private:
    ConnectorContext* m_context = nullptr;
};

} // namespace connectdesk::sdk
