namespace Kiln.Cimi.Tests.Support;

/// <summary>The machine readers on text bodies, with the tests' size limit.</summary>
internal static class MachineBodies
{
    public static MachineCreate XmlMachine(string body) => CimiXml.ReadMachineCreate(Bodies.Body(body), Bodies.Limit);

    public static MachineConfigurationCreate XmlConfiguration(string body) => CimiXml.ReadMachineConfigurationCreate(Bodies.Body(body), Bodies.Limit);

    public static MachineTemplateCreate XmlTemplate(string body) => CimiXml.ReadMachineTemplateCreate(Bodies.Body(body), Bodies.Limit);

    public static MachineAction XmlAction(string body) => CimiXml.ReadAction(Bodies.Body(body), Bodies.Limit);

    public static MachineCreate JsonMachine(string body) => CimiJson.ReadMachineCreate(Bodies.Body(body), Bodies.Limit);

    public static MachineConfigurationCreate JsonConfiguration(string body) => CimiJson.ReadMachineConfigurationCreate(Bodies.Body(body), Bodies.Limit);

    public static MachineTemplateCreate JsonTemplate(string body) => CimiJson.ReadMachineTemplateCreate(Bodies.Body(body), Bodies.Limit);

    public static MachineAction JsonAction(string body) => CimiJson.ReadAction(Bodies.Body(body), Bodies.Limit);

    /// <summary>Each reader by name ("xml MachineCreate", "json Action"), for theories that treat them alike.</summary>
    public static TheoryData<string> Readers =>
    [
        "xml MachineCreate", "xml MachineConfiguration", "xml MachineTemplate", "xml Action",
        "json MachineCreate", "json MachineConfiguration", "json MachineTemplate", "json Action",
    ];

    public static TheoryData<string> XmlReaders => ["xml MachineCreate", "xml MachineConfiguration", "xml MachineTemplate", "xml Action"];

    public static object Read(string reader, Stream body, long maxBytes) => reader switch
    {
        "xml MachineCreate" => CimiXml.ReadMachineCreate(body, maxBytes),
        "xml MachineConfiguration" => CimiXml.ReadMachineConfigurationCreate(body, maxBytes),
        "xml MachineTemplate" => CimiXml.ReadMachineTemplateCreate(body, maxBytes),
        "xml Action" => CimiXml.ReadAction(body, maxBytes),
        "json MachineCreate" => CimiJson.ReadMachineCreate(body, maxBytes),
        "json MachineConfiguration" => CimiJson.ReadMachineConfigurationCreate(body, maxBytes),
        "json MachineTemplate" => CimiJson.ReadMachineTemplateCreate(body, maxBytes),
        "json Action" => CimiJson.ReadAction(body, maxBytes),
        _ => throw new ArgumentOutOfRangeException(nameof(reader), reader, null),
    };

    public static async Task<object> ReadAsync(string reader, Stream body, long maxBytes) => reader switch
    {
        "xml MachineCreate" => await CimiXml.ReadMachineCreateAsync(body, maxBytes),
        "xml MachineConfiguration" => await CimiXml.ReadMachineConfigurationCreateAsync(body, maxBytes),
        "xml MachineTemplate" => await CimiXml.ReadMachineTemplateCreateAsync(body, maxBytes),
        "xml Action" => await CimiXml.ReadActionAsync(body, maxBytes),
        "json MachineCreate" => await CimiJson.ReadMachineCreateAsync(body, maxBytes),
        "json MachineConfiguration" => await CimiJson.ReadMachineConfigurationCreateAsync(body, maxBytes),
        "json MachineTemplate" => await CimiJson.ReadMachineTemplateCreateAsync(body, maxBytes),
        "json Action" => await CimiJson.ReadActionAsync(body, maxBytes),
        _ => throw new ArgumentOutOfRangeException(nameof(reader), reader, null),
    };
}
