// The exception hierarchy of the SDK, mirroring Kafka Connect's so the runtime can decide
// retry / tolerate / fail in one place (spec/connect-data-and-config.md §5.2).
#pragma once

#include <stdexcept>
#include <string>

namespace connectdesk::sdk {

// Base of every error raised by connectors, converters, transforms and the data API
// (org.apache.kafka.connect.errors.ConnectException).
class ConnectException : public std::runtime_error {
public:
    explicit ConnectException(const std::string& message);
    ~ConnectException() override;
};

// Bad data: a value that does not match its schema, undecodable bytes, a malformed schema
// (org.apache.kafka.connect.errors.DataException). Tolerated by errors.tolerance=all.
class DataException : public ConnectException {
public:
    explicit DataException(const std::string& message);
    ~DataException() override;
};

// A schema builder rule was broken: a property set twice, a bad default, duplicate field name
// (org.apache.kafka.connect.errors.SchemaBuilderException).
class SchemaBuilderException : public DataException {
public:
    explicit SchemaBuilderException(const std::string& message);
    ~SchemaBuilderException() override;
};

// A value could not be projected onto another schema
// (org.apache.kafka.connect.errors.SchemaProjectorException).
class SchemaProjectorException : public DataException {
public:
    explicit SchemaProjectorException(const std::string& message);
    ~SchemaProjectorException() override;
};

// A transient failure: the same operation may succeed if retried
// (org.apache.kafka.connect.errors.RetriableException).
class RetriableException : public ConnectException {
public:
    explicit RetriableException(const std::string& message);
    ~RetriableException() override;
};

// An invalid configuration value (org.apache.kafka.common.config.ConfigException). The
// (name, value, message) form reproduces Kafka's wording:
// `Invalid value <value> for configuration <name>: <message>`.
class ConfigException : public ConnectException {
public:
    explicit ConfigException(const std::string& message);
    ConfigException(const std::string& name, const std::string& value, const std::string& message);
    ~ConfigException() override;

    // Empty when constructed from a message only.
    const std::string& configName() const { return m_name; }

private:
    std::string m_name;
};

// A named connector, task or plugin does not exist (org.apache.kafka.connect.errors.NotFoundException).
class NotFoundException : public ConnectException {
public:
    explicit NotFoundException(const std::string& message);
    ~NotFoundException() override;
};

// Creating something that already exists (org.apache.kafka.connect.errors.AlreadyExistsException).
class AlreadyExistsException : public ConnectException {
public:
    explicit AlreadyExistsException(const std::string& message);
    ~AlreadyExistsException() override;
};

// An operation on a worker in a state that does not allow it
// (org.apache.kafka.connect.errors.IllegalWorkerStateException).
class IllegalWorkerStateException : public ConnectException {
public:
    explicit IllegalWorkerStateException(const std::string& message);
    ~IllegalWorkerStateException() override;
};

} // namespace connectdesk::sdk
