#include "connectdesk/sdk/errors.h"

// Destructors are defined here so each exception's vtable and type info live once, in the SDK
// library; a plugin catching DataException then matches the type thrown by the runtime.
namespace connectdesk::sdk {

ConnectException::ConnectException(const std::string& message) : std::runtime_error(message) {}
ConnectException::~ConnectException() = default;

DataException::DataException(const std::string& message) : ConnectException(message) {}
DataException::~DataException() = default;

SchemaBuilderException::SchemaBuilderException(const std::string& message) : DataException(message) {}
SchemaBuilderException::~SchemaBuilderException() = default;

SchemaProjectorException::SchemaProjectorException(const std::string& message) : DataException(message) {}
SchemaProjectorException::~SchemaProjectorException() = default;

RetriableException::RetriableException(const std::string& message) : ConnectException(message) {}
RetriableException::~RetriableException() = default;

ConfigException::ConfigException(const std::string& message) : ConnectException(message) {}
ConfigException::ConfigException(const std::string& name, const std::string& value,
                                 const std::string& message)
    : ConnectException("Invalid value " + value + " for configuration " + name +
                       (message.empty() ? std::string() : ": " + message)),
      m_name(name)
{
}
ConfigException::~ConfigException() = default;

NotFoundException::NotFoundException(const std::string& message) : ConnectException(message) {}
NotFoundException::~NotFoundException() = default;

AlreadyExistsException::AlreadyExistsException(const std::string& message) : ConnectException(message) {}
AlreadyExistsException::~AlreadyExistsException() = default;

IllegalWorkerStateException::IllegalWorkerStateException(const std::string& message)
    : ConnectException(message)
{
}
IllegalWorkerStateException::~IllegalWorkerStateException() = default;

} // namespace connectdesk::sdk
