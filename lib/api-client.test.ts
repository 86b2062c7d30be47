import { describe, expect, it } from "vitest";
import { ApiError, singleFieldError } from "./api-client";

describe("singleFieldError", () => {
  it.each([
    ["no error", null, undefined],
    ["the field's own message", new ApiError(422, "name: too long", [{ path: "name", message: "too long" }]), "too long"],
    ["nothing when the server blamed another field", new ApiError(422, "role: bad", [{ path: "role", message: "bad" }]), undefined],
    ["the whole message when no field is named", new ApiError(409, "Already exists."), "Already exists."],
    ["the message of a network failure", new Error("offline"), "offline"],
  ])("shows %s", (_name, error, expected) => {
    expect(singleFieldError(error, "name")).toBe(expected);
  });
});
