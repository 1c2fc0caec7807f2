namespace Kiln.Cimi.Wire;

internal static partial class XmlBodies
{
    public static MachineEdit ReadMachineEdit(byte[] body)
    {
        var root = Root(body, BodyKinds.MachineEdit);
        var common = new Common();
        foreach (var element in Children(root, Common.Once))
            common.Read(element);
        return new MachineEdit { Name = common.Name, Description = common.Description, Properties = common.Properties };
    }
}
