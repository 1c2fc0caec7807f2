using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Kiln.Cimi.Tests.Support;

/// <summary>Documents to bytes and back through the library's public API.</summary>
internal static class Bodies
{
    public const long Limit = 64 * 1024;

    public static byte[] Xml(object document, params string[] select)
    {
        using var stream = new MemoryStream();
        CimiXml.Write(stream, document, select.Length == 0 ? null : select.ToHashSet());
        return stream.ToArray();
    }

    public static XElement XmlRoot(object document, params string[] select) =>
        XDocument.Load(new MemoryStream(Xml(document, select))).Root!;

    public static byte[] Json(object document, params string[] select)
    {
        using var stream = new MemoryStream();
        CimiJson.Write(stream, document, select.Length == 0 ? null : select.ToHashSet());
        return stream.ToArray();
    }

    public static JsonElement JsonRoot(object document, params string[] select)
    {
        using var json = JsonDocument.Parse(Json(document, select));
        return json.RootElement.Clone();
    }

    public static IEnumerable<string> Members(JsonElement element) => element.EnumerateObject().Select(m => m.Name);

    public static MemoryStream Body(string text) => new(Encoding.UTF8.GetBytes(text));

    public static MachineImageCreate XmlCreate(string body) => CimiXml.ReadMachineImageCreate(Body(body), Limit);

    public static MachineImageCreate JsonCreate(string body) => CimiJson.ReadMachineImageCreate(Body(body), Limit);

    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}
