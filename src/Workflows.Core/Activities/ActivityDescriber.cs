using System.Reflection;
using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Descriptors;

namespace Workflows.Core.Activities;

/// <summary>Builds Elsa activity descriptors from an activity class's attributes.</summary>
public static class ActivityDescriber
{
    private const string DynamicOutcomesHint = "dynamic-outcomes";

    public static ActivityDescriptor Describe(Type activityType)
    {
        var attribute = activityType.GetCustomAttribute<ActivityAttribute>()
                        ?? throw new ArgumentException($"{activityType.Name} has no [Activity] attribute.", nameof(activityType));
        var inputs = InputProperties(activityType).Select((p, i) => DescribeInput(p, i)).ToList();
        var outputs = activityType.GetProperties()
            .Where(p => p.GetCustomAttribute<OutputAttribute>() is not null)
            .Select((p, i) => DescribeOutput(p, i))
            .ToList();
        var ports = activityType.GetCustomAttributes<FlowPortAttribute>()
            .Select(p => new PortDescriptor(p.Name, p.DisplayName ?? p.Name, PortType.Flow))
            .Concat(activityType.GetCustomAttributes<EmbeddedPortAttribute>()
                .Select(p => new PortDescriptor(p.Name, p.Name, PortType.Embedded, p.IsBrowsable)))
            .ToList();
        if (ports.Count == 0 && !attribute.IsTerminal)
            ports.Add(new PortDescriptor(FlowPorts.Done, FlowPorts.Done, PortType.Flow));
        ports.AddRange(BaseFlowPorts(activityType).Where(p => ports.All(own => own.Name != p.Name)).DistinctBy(p => p.Name));

        var construction = new JsonObject();
        // A dynamic-outcomes input without a default is left out, as Elsa's describer leaves the unset input null: Studio
        // 3.8.2 reads the value of such an input as a JSON list when it draws the dropped activity's ports, and an empty
        // string there fails the drop with an unhandled error.
        foreach (var input in inputs.Where(i => i.IsWrapped && !(i.DefaultValue is null && i.UIHint == DynamicOutcomesHint)))
            construction[input.Name] = new JsonObject
            {
                ["typeName"] = input.TypeName,
                ["expression"] = new JsonObject { ["type"] = input.DefaultSyntax ?? "Literal", ["value"] = input.DefaultValue?.DeepClone() ?? "" },
            };

        return new ActivityDescriptor
        {
            TypeName = $"{attribute.Namespace}.{attribute.Name}",
            Namespace = attribute.Namespace,
            Name = attribute.Name,
            Version = attribute.Version,
            Category = attribute.Category,
            DisplayName = attribute.DisplayName ?? attribute.Name,
            Description = attribute.Description,
            Kind = attribute.Kind,
            Inputs = inputs,
            Outputs = outputs,
            Ports = ports,
            ConstructionProperties = construction,
            IsContainer = activityType.GetCustomAttributes<EmbeddedPortAttribute>().Any(),
            IsBrowsable = attribute.IsBrowsable,
            IsStart = attribute.IsStart,
            IsTerminal = attribute.IsTerminal,
        };
    }

    /// <summary>
    /// The ports a base class declares for all its activities (the outcomes the base returns, or the fault port of a
    /// base that lets errors go to the engine), nearest base first, after the activity's own ones and without repeating
    /// a name; an activity that declares no port of its own still gets Done first.
    /// </summary>
    private static IEnumerable<PortDescriptor> BaseFlowPorts(Type activityType)
    {
        for (var type = activityType.BaseType; type is not null; type = type.BaseType)
        {
            foreach (var port in type.GetCustomAttributes<FlowPortAttribute>(inherit: false))
                yield return new PortDescriptor(port.Name, port.DisplayName ?? port.Name, PortType.Flow);
        }
    }

    /// <summary>
    /// The inputs in descriptor order: source order (metadata token), except that the inputs of a base class marked
    /// <see cref="LeadingInputsAttribute"/> come first.
    /// </summary>
    public static IReadOnlyList<PropertyInfo> InputProperties(Type activityType)
    {
        var inputs = activityType.GetProperties()
            .Where(p => p.GetCustomAttribute<InputAttribute>() is not null && p.CanWrite)
            .OrderBy(p => p.MetadataToken)
            .ToList();
        var leading = inputs
            .Where(p => p.DeclaringType != activityType && p.DeclaringType!.IsDefined(typeof(LeadingInputsAttribute), inherit: false))
            .ToList();
        return [.. leading, .. inputs.Except(leading)];
    }

    private static InputDescriptor DescribeInput(PropertyInfo property, int index)
    {
        var input = property.GetCustomAttribute<InputAttribute>()!;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var options = input.Options ?? (type.IsEnum ? Enum.GetNames(type) : null);
        JsonObject? ui = options is null
            ? null
            : new JsonObject
            {
                ["dropdown"] = new JsonObject
                {
                    ["selectList"] = new JsonObject
                    {
                        ["items"] = new JsonArray(options.Select(o => (JsonNode)new JsonObject { ["text"] = o, ["value"] = o }).ToArray()),
                        ["isFlagsEnum"] = false,
                    },
                },
            };
        return new InputDescriptor
        {
            Name = property.Name,
            TypeName = input.TypeName ?? TypeNameOf(type),
            DisplayName = input.DisplayName ?? property.Name,
            Description = input.Description,
            Order = input.Order >= 0 ? input.Order : index,
            IsWrapped = input.IsWrapped,
            UIHint = input.UIHint ?? UIHintOf(type, options is not null),
            Category = input.Category,
            DefaultValue = input.DefaultValueJson is null ? null : JsonNode.Parse(input.DefaultValueJson),
            DefaultSyntax = input.DefaultSyntax,
            UISpecifications = ui,
        };
    }

    private static OutputDescriptor DescribeOutput(PropertyInfo property, int index)
    {
        var output = property.GetCustomAttribute<OutputAttribute>()!;
        return new OutputDescriptor
        {
            Name = property.Name,
            TypeName = output.TypeName ?? TypeNameOf(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType),
            DisplayName = output.DisplayName ?? property.Name,
            Description = output.Description,
            Order = index,
        };
    }

    private static string TypeNameOf(Type type) => type switch
    {
        _ when type == typeof(string) => "String",
        _ when type == typeof(bool) => "Boolean",
        _ when type == typeof(int) => "Int32",
        _ when type == typeof(long) => "Int64",
        _ when type == typeof(double) => "Double",
        _ when type == typeof(TimeSpan) => "TimeSpan",
        _ when type == typeof(DateTimeOffset) => "DateTimeOffset",
        _ when type.IsEnum => "String",
        _ when type == typeof(string[]) || type == typeof(List<string>) || type == typeof(IReadOnlyList<string>) => "String[]",
        _ => "Object",
    };

    private static string UIHintOf(Type type, bool hasOptions) => type switch
    {
        _ when hasOptions => "dropdown",
        _ when type == typeof(bool) => "checkbox",
        _ when type == typeof(string[]) || type == typeof(List<string>) || type == typeof(IReadOnlyList<string>) => "multi-text",
        _ => "singleline",
    };

    internal static string Camel(string name) => Naming.Camelize(name);
}
