// Filter, InsertHeader and DropHeaders: the record-level SMTs that drop a record or edit its
// headers without touching key or value (spec §9).
#include "transforms/builtin_transforms.h"
#include "transforms/transform_support.h"

#include "converters/simple_header_converter.h"

namespace connectdesk::transforms {

namespace {

using sdk::ConfigDef;

// Drops every record; useful only behind a predicate (transforms.<alias>.predicate).
template <class R>
class Filter final : public sdk::Transformation<R> {
public:
    ConfigDef config() const override { return {}; }
    void configure(const sdk::ConfigMap&) override {}
    std::optional<R> apply(R) override { return std::nullopt; }
};

template <class R>
class InsertHeader final : public sdk::Transformation<R> {
public:
    ConfigDef config() const override
    {
        ConfigDef def;
        def.define({.name = "header",
                    .type = ConfigDef::Type::String,
                    .defaultValue = std::nullopt,
                    .importance = ConfigDef::Importance::High,
                    .documentation = "The name of the header."});
        def.define(
            {.name = "value.literal",
             .type = ConfigDef::Type::String,
             .defaultValue = std::nullopt,
             .importance = ConfigDef::Importance::High,
             .documentation = "The literal value that is to be set as the header value on all records."});
        return def;
    }

    void configure(const sdk::ConfigMap& props) override
    {
        const auto parsed = config().parse(props);
        m_header = parsed.getString("header");
        // Same type inference as SimpleHeaderConverter (Values.parseString): `42` is an INT8 header.
        m_value = converters::valuesParseString(parsed.getString("value.literal"));
    }

    std::optional<R> apply(R record) override
    {
        record.headers().add(sdk::Header(m_header, m_value));
        return record;
    }

private:
    std::string m_header;
    sdk::SchemaAndValue m_value;
};

template <class R>
class DropHeaders final : public sdk::Transformation<R> {
public:
    ConfigDef config() const override
    {
        ConfigDef def;
        def.define(requiredListKey("headers", "The name of the headers to be removed."));
        return def;
    }

    void configure(const sdk::ConfigMap& props) override
    {
        m_headers = config().parse(props).getList("headers");
    }

    std::optional<R> apply(R record) override
    {
        for (const auto& name : m_headers) {
            record.headers().remove(name);
        }
        return record;
    }

private:
    std::vector<std::string> m_headers;
};

} // namespace

void addHeaderTransforms(std::vector<sdk::TransformationPlugin>& out)
{
    out.push_back(makeTransformationPlugin<Filter>(std::string(kTransformsPackage) + "Filter"));
    out.push_back(makeTransformationPlugin<InsertHeader>(std::string(kTransformsPackage) + "InsertHeader"));
    out.push_back(makeTransformationPlugin<DropHeaders>(std::string(kTransformsPackage) + "DropHeaders"));
}

} // namespace connectdesk::transforms
