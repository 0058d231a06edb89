namespace Workflows.Core.Descriptors;

public enum PortType
{
    Flow,
    Embedded,
}
