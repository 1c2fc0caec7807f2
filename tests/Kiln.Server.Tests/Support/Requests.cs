using System.Net.Http.Headers;
using System.Text;

namespace Kiln.Server.Tests.Support;

/// <summary>Requests the API tests send: a document body with its Content-Type, a conditional GET.</summary>
public static class Requests
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string body,
        string contentType = "application/xml")
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> ConditionalGetAsync(HttpClient client, string path, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        return await client.SendAsync(request);
    }
}
