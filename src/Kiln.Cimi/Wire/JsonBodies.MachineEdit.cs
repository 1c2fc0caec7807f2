namespace Kiln.Cimi.Wire;

internal static partial class JsonBodies
{
    public static MachineEdit ReadMachineEdit(byte[] body)
    {
        using var json = Parse(body, BodyKinds.MachineEdit);
        var (machine, path) = Root(json, BodyKinds.MachineEdit);
        var common = new Common();
        foreach (var (member, at) in Members(machine, path, Common.Once))
            common.Read(member, at);
        return new MachineEdit { Name = common.Name, Description = common.Description, Properties = common.Properties };
    }
}
