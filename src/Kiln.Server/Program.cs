using Kiln.Server.Hosting;
using Kiln.Server.UForgeApi;

var builder = WebApplication.CreateBuilder(args);
builder.AddKilnServices();

var app = builder.Build();
app.UseKilnErrors();
app.MapUForgeApi();
app.Run();

/// <summary>The entry point, visible to the in-process API tests.</summary>
public partial class Program;
