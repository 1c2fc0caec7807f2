using Kiln.Server.CimiApi;
using Kiln.Server.Hosting;
using Kiln.Server.UForgeApi;

var builder = WebApplication.CreateBuilder(args);
builder.AddKilnServices();

var app = builder.Build();
app.UseCimiProtocol();
app.UseKilnErrors();
app.MapUForgeApi();
app.MapCimiApi();
app.Run();

/// <summary>The entry point, visible to the in-process API tests.</summary>
public partial class Program;
