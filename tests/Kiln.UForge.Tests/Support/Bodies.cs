using System.Text;

namespace Kiln.UForge.Tests.Support;

/// <summary>Documents to bytes and back, through the library's streaming API.</summary>
internal static class Bodies
{
    public static async Task<byte[]> XmlAsync(object document)
    {
        using var stream = new MemoryStream();
        await UForgeXml.WriteAsync(stream, document);
        return stream.ToArray();
    }

    public static async Task<byte[]> JsonAsync(object document)
    {
        using var stream = new MemoryStream();
        await UForgeJson.WriteAsync(stream, document);
        return stream.ToArray();
    }

    public static Task<T> ReadXmlAsync<T>(string body)
        where T : class =>
        UForgeXml.ReadAsync<T>(new MemoryStream(Encoding.UTF8.GetBytes(body)));

    public static Task<T> ReadJsonAsync<T>(string body)
        where T : class =>
        UForgeJson.ReadAsync<T>(new MemoryStream(Encoding.UTF8.GetBytes(body)));

    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}
